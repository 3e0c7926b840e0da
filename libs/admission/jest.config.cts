module.exports = {
  displayName: 'admission',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/admission',
};
