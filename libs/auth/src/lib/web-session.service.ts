import { type DownstreamCallContext, IdentityClient } from '@bff/service-clients';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionCodec, type WebSession } from './session.codec';
import { TokenVerifier } from './token.verifier';

export interface StartedSession {
  /** The sealed cookie value. */
  cookie: string;
  /** Seconds the cookie should live: the token's lifetime. */
  maxAgeSeconds: number;
  session: WebSession;
  user: AuthenticatedUser;
}

/**
 * The browser side of the BFF pattern: web-bff signs the user in with
 * identity-service and keeps the access token in an encrypted HttpOnly cookie,
 * so the single-page app never holds a token.
 */
@Injectable()
export class WebSessionService {
  constructor(
    private readonly identity: IdentityClient,
    private readonly verifier: TokenVerifier,
    private readonly codec: SessionCodec,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** @throws InvalidCredentialsError for a wrong email or password */
  async start(credentials: { email: string; password: string }, context?: DownstreamCallContext): Promise<StartedSession> {
    const { accessToken, expiresIn } = await this.identity.requestToken({ ...credentials, audience: this.options.audience }, context);
    // Checked like any token at this gateway, so a session never holds one the gateway would refuse.
    const user = await this.verifier.verify(accessToken);
    const session = this.codec.create(accessToken, user.expiresAt);
    return { cookie: this.codec.seal(session), maxAgeSeconds: expiresIn, session, user };
  }
}
