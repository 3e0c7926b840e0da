import type { GatewaySettings } from '@bff/gateway';
import defaults from './gateway.defaults.json';

/**
 * web-bff's own choices. The defaults of its variables (port 3000, metrics on 9464, audience `web`,
 * 20 requests a second and 600 a minute per caller, the web app's dev server as CORS origin) are in
 * gateway.defaults.json, as data that the launcher and the deployment checks read too; its routes
 * are in app.module.ts.
 */
export const WEB_BFF_SETTINGS: GatewaySettings = {
  defaults,
  http: { cookieSessions: true },
  openapi: {
    title: 'web-bff',
    // Bump with any change the web app must adapt to.
    version: '1',
    description: [
      'The gateway of the web single-page app: full shapes for a big screen and a fast link.',
      '',
      'Authentication: a bearer token, or the cookie session that `POST /api/auth/login` starts (the browser never holds a token).',
      "With the cookie, every request that changes something (POST, PATCH, PUT, DELETE) also sends the session's `X-CSRF-Token`.",
      '',
      'Every error is an `ApiError`. A screen that answers 200 with `meta.degraded` naming parts is usable without those parts.',
    ].join('\n'),
  },
};
