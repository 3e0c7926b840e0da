/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** web-bff's origin, fixed when the app is built (`VITE_BFF_URL=https://bff.example.com npx nx build web-app`). */
  readonly VITE_BFF_URL?: string;
}

interface Window {
  /** Set by `/config.js` before the app starts: settings a server can change without a rebuild. */
  webAppConfig?: {
    /** web-bff's origin; wins over VITE_BFF_URL. */
    bffUrl?: unknown;
  };
}
