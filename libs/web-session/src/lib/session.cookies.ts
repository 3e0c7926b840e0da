import type { CookieSerializeOptions } from '@fastify/cookie';

export { SESSION_COOKIE } from '@bff/auth';

/**
 * The sign-in's state while the browser is at the provider: state, nonce, PKCE verifier and returnTo,
 * sealed. SameSite=Lax, the only cookie that is: it must come along on the provider's redirect back,
 * a top-level navigation from another site.
 */
export const LOGIN_COOKIE = '__Host-bff_login';

/** How long a sign-in may take at the provider. */
export const LOGIN_STATE_TTL_S = 600;

/**
 * `__Host-` cookies: Secure (browsers take it on http://localhost too), Path=/, no Domain, so only
 * web-bff's own host sets and reads them; HttpOnly, so no script does.
 */
const HOST_COOKIE = { httpOnly: true, secure: true, path: '/' } as const;

/** The session cookie: SameSite=Strict, so no other site's page or link sends it. */
export function sessionCookieOptions(maxAgeSeconds?: number): CookieSerializeOptions {
  return { ...HOST_COOKIE, sameSite: 'strict', ...(maxAgeSeconds === undefined ? {} : { maxAge: Math.max(0, Math.floor(maxAgeSeconds)) }) };
}

export function loginCookieOptions(maxAgeSeconds = LOGIN_STATE_TTL_S): CookieSerializeOptions {
  return { ...HOST_COOKIE, sameSite: 'lax', maxAge: maxAgeSeconds };
}
