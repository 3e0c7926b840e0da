module.exports = {
  displayName: 'app-process',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/app-process',
};
