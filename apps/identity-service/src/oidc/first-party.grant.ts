import { API_SCOPES } from '@bff/config';
import type { Grant, KoaContextWithOIDC } from 'oidc-provider';
import { resourcesOf } from './resource.indicators';

/** The OpenID scopes this provider offers (`offline_access` is not one: refresh tokens end with the session). */
export const OIDC_SCOPES = ['openid', 'email', 'profile'] as const;

/**
 * `loadExistingGrant`: every client here is the system's own, so a signed-in user is not asked to consent
 * to each one. The grant of this session for the client (or a new one) covers the OpenID scopes and every
 * API scope of the audiences the client may have; tokens still carry only what the request asked for.
 */
export async function loadFirstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, provider, result } = ctx.oidc;
  const accountId = session?.accountId;
  if (!client || !session || !accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant = existing?.accountId === accountId ? existing : new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope(OIDC_SCOPES.join(' '));
  for (const resource of resourcesOf(client.clientId)) grant.addResourceScope(resource, API_SCOPES.join(' '));
  await grant.save();
  return grant;
}
