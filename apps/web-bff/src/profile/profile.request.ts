import { userUpdateSchema } from '@bff/contracts';
import { integerParam } from '@bff/request-validation';
import { z } from 'zod';
import { WEB_PROFILE_ORDERS } from './web-profile.presenter';

export const profileQuerySchema = z.object({
  orders: integerParam({ min: 1, max: WEB_PROFILE_ORDERS.max, fallback: WEB_PROFILE_ORDERS.default }),
});

/** `PATCH /api/profile`: `{ name?, avatarUrl? }`, at least one; anything else is refused. */
export const profileUpdateBodySchema = userUpdateSchema;

export type ProfileQuery = z.infer<typeof profileQuerySchema>;
export type ProfileUpdateBody = z.infer<typeof profileUpdateBodySchema>;
