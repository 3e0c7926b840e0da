import { DownstreamTimeoutError } from '@bff/service-clients';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { OidcClient } from './oidc.client';
import { providerFailure } from './oidc.errors';
import { SESSION_STORE, type SessionSelector, type SessionStore } from './session.store';
import { LogoutTokenRejectedError } from './web-session.errors';
import { WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session.options';

const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Clock skew allowed on `iat` and `exp`. */
const CLOCK_TOLERANCE_S = 30;
/** A logout token older than this is refused, even without `exp` (the provider sends it as the session ends). */
const MAX_TOKEN_AGE_S = 300;

const logoutClaimsSchema = z.object({
  jti: z.string().min(1).max(256),
  iat: z.number(),
  sub: z.string().min(1).optional(),
  sid: z.string().min(1).optional(),
  events: z.record(z.string(), z.unknown()).refine((events) => {
    const event = events[BACKCHANNEL_LOGOUT_EVENT];
    return typeof event === 'object' && event !== null && !Array.isArray(event);
  }, 'has no back-channel logout event'),
});

/**
 * Checks a logout token as OpenID Connect Back-Channel Logout 1.0 (2.6) says: signed by the provider
 * with one of its asymmetric keys (jose, the JWKS from discovery), `iss` the provider, `aud` web-bff's
 * client id, `iat` recent and `exp` not passed, the back-channel logout event, a `sub` or a `sid`, no
 * `nonce` (so an ID token cannot pass for one), and a `jti` not seen before on any instance.
 */
@Injectable()
export class LogoutTokenVerifier {
  constructor(
    private readonly oidc: OidcClient,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(WEB_SESSION_OPTIONS) private readonly options: WebSessionOptions,
  ) {}

  /** Which sessions the token ends. @throws LogoutTokenRejectedError */
  async verify(logoutToken: unknown): Promise<SessionSelector> {
    if (typeof logoutToken !== 'string' || logoutToken.length > 16_384) throw new LogoutTokenRejectedError('no logout_token');
    const { issuer, keys, algorithms } = await this.oidc.logoutTokenKeys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(logoutToken, keys, {
        issuer,
        audience: this.options.oidc.clientId,
        algorithms,
        clockTolerance: CLOCK_TOLERANCE_S,
        maxTokenAge: MAX_TOKEN_AGE_S,
        requiredClaims: ['iat', 'jti'],
      }));
    } catch (error) {
      // Keys that cannot be fetched are the provider's failure (502/504), not the token's.
      if (error instanceof errors.JWKSTimeout) throw new DownstreamTimeoutError('identity', this.options.oidc.timeoutMs);
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSInvalid) throw providerFailure(error, this.options.oidc.timeoutMs);
      throw new LogoutTokenRejectedError(error.message);
    }
    if ('nonce' in payload) throw new LogoutTokenRejectedError('has a nonce');
    const parsed = logoutClaimsSchema.safeParse(payload);
    if (!parsed.success) throw new LogoutTokenRejectedError(parsed.error.issues[0]?.message ?? 'malformed claims');
    const { jti, sid, sub } = parsed.data;
    if (!sid && !sub) throw new LogoutTokenRejectedError('names neither sub nor sid');
    const seenFor = (typeof payload.exp === 'number' ? payload.exp - Date.now() / 1000 : MAX_TOKEN_AGE_S) + CLOCK_TOLERANCE_S;
    const jtiKey = createHash('sha256').update(`${issuer}\u0000${jti}`).digest('base64url');
    if (!(await this.store.claimOnce(`jti:${jtiKey}`, Math.max(seenFor, MAX_TOKEN_AGE_S + CLOCK_TOLERANCE_S)))) {
      throw new LogoutTokenRejectedError('its jti was seen before');
    }
    return sid ? { sid } : { sub: sub as string };
  }
}
