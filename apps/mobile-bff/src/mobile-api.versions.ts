import { type Version, VERSION_NEUTRAL } from '@nestjs/common';

type MobileApiVersion = Parameters<typeof Version>[0];

/**
 * The versions of the mobile API, one `@Version(...)` per screen handler (see the README).
 * A version changes shapes, never meaning; the apps in the field keep the version they were built
 * against, so an old version stays until no app in use calls it.
 */
export const MOBILE_API = {
  /** The first shapes. Also answers unversioned (`/api/profile`): the apps released before versioning call that. */
  v1: [VERSION_NEUTRAL, '1'],
  /** Money as integer minor units with its currency (`{ amountMinor, currency }`), see money.presenter.ts. */
  v2: '2',
} satisfies Record<string, MobileApiVersion>;
