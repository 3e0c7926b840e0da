// Test and tooling aids; never imported by an app.
export * from './lib/test-token.factory';
