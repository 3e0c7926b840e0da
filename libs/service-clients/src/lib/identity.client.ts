import { prepareContracts } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { InvalidCredentialsError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';

export const tokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  /** Seconds. */
  expiresIn: z.number().int().positive(),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** A sign-in has no caller yet; and no one's token is ever sent to the party that issues tokens. */
const SENT: CredentialPolicy = 'none';

/** identity-service: the identity provider behind web-bff's login. */
@Injectable()
export class IdentityClient {
  constructor(private readonly http: DownstreamHttp) {
    prepareContracts(tokenResponseSchema);
  }

  /** @throws InvalidCredentialsError when identity-service refuses the email and password */
  requestToken(credentials: { email: string; password: string; audience: string }, context?: DownstreamCallContext): Promise<TokenResponse> {
    return this.http.post({
      service: 'identity',
      path: '/auth/token',
      body: credentials,
      schema: tokenResponseSchema,
      rejections: { 401: () => new InvalidCredentialsError() },
      credentials: SENT,
      context,
    });
  }
}
