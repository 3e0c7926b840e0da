import { discoverGatewayApps, gatewayDefaultsFile, readGatewayDefaults } from '@bff/app-process/launcher';
import { DEFAULT_PORTS, GATEWAY_APPS } from '@bff/config';

// Each gateway states its own defaults in apps/<app>/src/gateway.defaults.json (no shared lib keeps a
// table of gateways); npm start and the test launcher run the gateways of the run table in @bff/config.
describe('the gateways of the workspace', () => {
  const gateways = discoverGatewayApps();

  it('are the gateways npm start and the tests run: every app with a gateway.defaults.json, and no other', () => {
    expect(gateways).toEqual([...GATEWAY_APPS].sort());
  });

  it.each(gateways)('%s names itself, and runs under npm start on the port its own defaults name', (app) => {
    const defaults = readGatewayDefaults(app);
    expect({ file: gatewayDefaultsFile(app), app: defaults.app, port: defaults.port }).toEqual({
      file: gatewayDefaultsFile(app),
      app,
      port: DEFAULT_PORTS[app as keyof typeof DEFAULT_PORTS],
    });
  });

  it('give each gateway ports, an audience and a Redis prefix of its own', () => {
    const all = gateways.map(readGatewayDefaults);
    const distinct = (values: unknown[]) => new Set(values).size;
    expect(distinct(all.flatMap((d) => [d.port, d.metricsPort]))).toBe(all.length * 2);
    expect(distinct(all.map((d) => d.audience))).toBe(all.length);
    expect(distinct(all.map((d) => d.redisKeyPrefix ?? `bff:${d.audience}:`))).toBe(all.length);
  });
});
