// The built web-app in headless Chromium against the real web-bff and services, started as processes
// on loopback ports. One file, one browser, one system: a single worker.
module.exports = {
  displayName: 'web-app-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 30_000,
  maxWorkers: 1,
};
