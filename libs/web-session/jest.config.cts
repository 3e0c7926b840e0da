module.exports = {
  displayName: 'web-session',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/web-session',
  // openid-client, oauth4webapi and jose ship only ES modules; Node 20.19+ requires them natively, Jest does not.
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
};
