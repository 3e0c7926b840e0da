import type { GatewaySettings } from '@bff/gateway';
import defaults from './gateway.defaults.json';

/**
 * mobile-bff's own choices. The defaults of its variables (port 3001, metrics on 9465, audience
 * `mobile`, 10 requests a second and 300 a minute per caller: the phone makes fewer, bigger calls
 * per screen than the browser; no CORS origin, since the phone app is no browser) are in
 * gateway.defaults.json, as data that the launcher and the deployment checks read too; its routes
 * are in app.module.ts and its API versions in mobile-api.versions.ts.
 */
export const MOBILE_BFF_SETTINGS: GatewaySettings = {
  defaults,
  // Versioned for the apps in the field (see README.md); ETag and 304 because a phone's link is slow or metered.
  http: { uriVersioning: true, conditionalGets: true },
  openapi: {
    title: 'mobile-bff',
    // The newest of MOBILE_API's versions: bump with any change an app in the field must adapt to.
    version: '2',
    description: [
      'The gateway of the mobile app: only the fields a phone screen shows, for a small screen and a slow or metered link.',
      '',
      'Versioned in the path: `/api/v1/...` and `/api/v2/...` side by side, and unversioned `/api/...` is v1 for the apps already in the field.',
      'v2 sends money as integer minor units with its currency (`{ amountMinor, currency }`); v1 as a decimal in major units.',
      '',
      'Every GET answered 200 carries an `ETag`; send it back in `If-None-Match` to get `304 Not Modified` without a body.',
      'Authentication: a bearer token. Every error is an `ApiError`.',
    ].join('\n'),
  },
};
