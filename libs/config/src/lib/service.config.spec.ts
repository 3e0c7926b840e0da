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
      responseDelayMs: 0,
    });
  });

  it('delays every response by RESPONSE_DELAY_MS when set', () => {
    expect(loadServiceConfig('user-service', { RESPONSE_DELAY_MS: '5' }).responseDelayMs).toBe(5);
    expect(() => loadServiceConfig('user-service', { RESPONSE_DELAY_MS: 'fast' })).toThrow(
      new ConfigError('RESPONSE_DELAY_MS', 'must be a whole number from 0 to 60000'),
    );
  });

  it('turns fault injection on only for "on"', () => {
    expect(loadServiceConfig('order-service', { FAULT_INJECTION: 'on' }).faultInjection).toBe(true);
    expect(loadServiceConfig('order-service', { FAULT_INJECTION: 'off' }).faultInjection).toBe(false);
    expect(() => loadServiceConfig('order-service', { FAULT_INJECTION: 'yes' })).toThrow(
      new ConfigError('FAULT_INJECTION', 'must be "on" or "off"'),
    );
  });

  it('points the pictures at ASSET_BASE_URL when set (a CDN), else at the service itself', () => {
    expect(loadServiceConfig('user-service', { ASSET_BASE_URL: 'https://cdn.example.com/shop/' }).assetBaseUrl).toBe('https://cdn.example.com/shop');
    expect(loadServiceConfig('user-service', { ASSET_BASE_URL: '' })).not.toHaveProperty('assetBaseUrl');
    expect(() => loadServiceConfig('catalog-service', { ASSET_BASE_URL: 'cdn.example.com' })).toThrow(
      new ConfigError('ASSET_BASE_URL', 'must be an absolute http:// or https:// URL'),
    );
  });
});
