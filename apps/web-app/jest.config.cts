/// <reference types="node" />
// Unit tests of the app's logic that needs no browser (routes, settings, error shapes); what needs
// a browser is tested in one, by apps/web-app-e2e.
module.exports = {
  displayName: 'web-app',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
