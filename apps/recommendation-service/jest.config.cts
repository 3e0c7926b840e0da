module.exports = {
  displayName: 'recommendation-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/recommendation-service',
};
