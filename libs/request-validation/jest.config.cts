module.exports = {
  displayName: 'request-validation',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/request-validation',
};
