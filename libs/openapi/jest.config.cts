module.exports = {
  displayName: 'openapi',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/openapi',
};
