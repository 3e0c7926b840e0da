module.exports = {
  displayName: 'identity-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/identity-service',
};
