/** The shared rate-limit store cannot be reached and the gateway is configured to fail closed. */
export class RateLimitStoreUnavailableError extends Error {
  constructor() {
    super('Rate limiting is unavailable; try again shortly');
    this.name = 'RateLimitStoreUnavailableError';
  }
}
