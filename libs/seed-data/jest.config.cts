module.exports = {
  displayName: 'seed-data',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/seed-data',
};
