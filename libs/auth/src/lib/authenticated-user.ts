import { z } from 'zod';

/** The caller, as a verified token describes them. */
export interface AuthenticatedUser {
  /** The token's `sub`: the user id the gateway acts for. */
  sub: string;
  roles: string[];
  /** The token's space-separated `scope`, split. */
  scopes: string[];
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  roles: z.array(z.string()).optional(),
  scope: z.string().optional(),
});

/** The user in a verified token's claims, or undefined when a claim the gateway relies on is missing or malformed. */
export function userFromClaims(claims: unknown): AuthenticatedUser | undefined {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const { sub, roles = [], scope = '' } = parsed.data;
  return { sub, roles, scopes: scope.split(' ').filter(Boolean) };
}
