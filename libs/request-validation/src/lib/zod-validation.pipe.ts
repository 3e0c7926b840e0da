import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates what a client sent (a body, a query, a path parameter) against a
 * zod schema: the parsed value on success, a 400 naming every problem
 * otherwise, so malformed input never reaches a service.
 */
@Injectable()
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  /** @param name what the value is, for messages about the whole of it (a header, a path parameter) */
  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly name?: string,
  ) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new BadRequestException(
      result.error.issues.map((issue) => {
        const path = issue.path.length > 0 ? issue.path.join('.') : this.name;
        return path ? `${path}: ${issue.message}` : issue.message;
      }),
    );
  }
}
