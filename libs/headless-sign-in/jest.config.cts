module.exports = {
  displayName: 'headless-sign-in',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/headless-sign-in',
};
