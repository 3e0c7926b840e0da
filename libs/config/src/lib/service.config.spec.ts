import { ConfigError } from './config.error';
import { loadServiceConfig } from './service.config';

describe('loadServiceConfig', () => {
  it('listens on the service’s own port with fault injection off by default', () => {
    expect(loadServiceConfig('catalog-service', {})).toEqual({
      app: 'catalog-service',
      environment: 'development',
      host: '127.0.0.1',
      port: 3103,
      faultInjection: false,
    });
  });

  it('turns fault injection on only for "on"', () => {
    expect(loadServiceConfig('order-service', { FAULT_INJECTION: 'on' }).faultInjection).toBe(true);
    expect(loadServiceConfig('order-service', { FAULT_INJECTION: 'off' }).faultInjection).toBe(false);
    expect(() => loadServiceConfig('order-service', { FAULT_INJECTION: 'yes' })).toThrow(
      new ConfigError('FAULT_INJECTION', 'must be "on" or "off"'),
    );
  });
});
