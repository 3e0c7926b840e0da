import { z } from 'zod';

/** The caller, as a verified token describes them. */
export interface AuthenticatedUser {
  /** The token's `sub`: the user id the gateway acts for. */
  sub: string;
  email?: string;
  roles: string[];
  /** The token's space-separated `scope`, split. */
  scopes: string[];
  /** When the token expires, in seconds since the epoch. */
  expiresAt: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  exp: z.number(),
  email: z.string().optional(),
  roles: z.array(z.string()).optional(),
  scope: z.string().optional(),
});

/** The user in a verified token's claims, or undefined when a claim the gateway relies on (`sub`, `exp`) is missing or malformed. */
export function userFromClaims(claims: unknown): AuthenticatedUser | undefined {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const { sub, exp, email, roles = [], scope = '' } = parsed.data;
  return { sub, ...(email ? { email } : {}), roles, scopes: scope.split(' ').filter(Boolean), expiresAt: exp };
}
