/** Injection token of the app's `IdentityConfig` (from @bff/config), validated once in main.ts. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
