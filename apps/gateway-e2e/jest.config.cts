// End-to-end: real, built apps started as processes on loopback ports, spoken to over HTTP.
module.exports = {
  displayName: 'gateway-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts', '<rootDir>/src/**/*.spec.ts'],
  testTimeout: 30_000,
  // Each file starts its own system of five or six processes; two files at a time fit two cores.
  maxWorkers: 2,
};
