/**
 * The current time in milliseconds. Injected rather than read from Date.now()
 * so that tests can move time on (key retirement, token expiry) without sleeping.
 */
export interface Clock {
  now(): number;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => Date.now() };
