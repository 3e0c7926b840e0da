/** Injection token of the ThrottlingOptions a gateway was started with. */
export const THROTTLING_OPTIONS = Symbol('THROTTLING_OPTIONS');
