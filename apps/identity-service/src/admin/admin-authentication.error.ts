/** An admin route was called without the admin bearer secret, or with a wrong one. */
export class AdminAuthenticationError extends Error {
  constructor() {
    super('A valid admin bearer secret is required');
    this.name = 'AdminAuthenticationError';
  }
}
