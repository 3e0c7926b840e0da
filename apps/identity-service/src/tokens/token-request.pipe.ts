import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { type TokenRequest, tokenRequestSchema } from './token-request.schema';

/** Parses a token request body; the first problem becomes a 400 that names it. */
@Injectable()
export class TokenRequestPipe implements PipeTransform<unknown, TokenRequest> {
  transform(body: unknown): TokenRequest {
    const result = tokenRequestSchema.safeParse(body);
    if (!result.success) throw new BadRequestException(result.error.issues[0]?.message ?? 'Invalid token request');
    return result.data;
  }
}
