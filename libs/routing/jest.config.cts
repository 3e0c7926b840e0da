module.exports = {
  displayName: 'routing',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/routing',
};
