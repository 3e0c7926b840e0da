import { z } from 'zod';

/**
 * What every screen response of the gateways says about itself, beside its data.
 * The `degraded` contract for client developers: the response is a 200 and
 * usable, but the named parts are missing (they took their fallback: an empty
 * list) or stale (served from cache because their service failed). Show the
 * rest; say that these parts are unavailable; do not treat it as an error.
 * The same names are in the `X-Degraded` header.
 */
export const responseMetaSchema = z.object({ degraded: z.array(z.string()) });

export type ResponseMeta = z.infer<typeof responseMetaSchema>;
