module.exports = {
  displayName: 'web-bff',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/web-bff',
};
