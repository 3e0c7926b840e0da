const nxPreset = require('@nx/jest/preset').default;

// @swc/jest instead of ts-jest: about twice as fast here. Nest's dependency
// injection needs legacy decorators with emitted metadata, and class names kept.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', swcOptions] },
  // jose (under jwks-rsa) ships only ES modules; Node 20.19+ requires them natively, Jest does not.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
