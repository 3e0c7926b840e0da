module.exports = {
  displayName: 'user-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/user-service',
};
