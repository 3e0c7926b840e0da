import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Runs in the browser before the app: a plain script, with the browser's globals.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly' } },
  },
];
