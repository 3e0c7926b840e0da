module.exports = {
  displayName: 'aggregation',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/aggregation',
};
