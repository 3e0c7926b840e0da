module.exports = {
  displayName: 'catalog-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/catalog-service',
};
