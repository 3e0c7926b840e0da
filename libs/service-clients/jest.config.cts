module.exports = {
  displayName: 'service-clients',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/service-clients',
};
