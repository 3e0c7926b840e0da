import type { FastifyRequest } from 'fastify';
import { AssetUrls } from './asset.urls';

const request = (host: string | undefined, protocol: 'http' | 'https' = 'http') =>
  ({ headers: { host }, protocol, socket: { localAddress: '127.0.0.1', localPort: 3101 } }) as unknown as FastifyRequest;

describe('AssetUrls', () => {
  it('points a picture path at ASSET_BASE_URL when it is set, path and all', () => {
    const assets = new AssetUrls({ assetBaseUrl: 'https://cdn.example.com/shop' });
    expect(assets.resolve('/images/avatars/u42.svg', request('user-service:3101'))).toBe('https://cdn.example.com/shop/images/avatars/u42.svg');
  });

  it('points it at the service itself otherwise, at the address the request came to', () => {
    const assets = new AssetUrls({});
    expect(assets.resolve('/images/avatars/u42.svg', request('127.0.0.1:41234'))).toBe('http://127.0.0.1:41234/images/avatars/u42.svg');
    expect(assets.resolve('/images/avatars/u42.svg', request('[::1]:3101'))).toBe('http://[::1]:3101/images/avatars/u42.svg');
  });

  it('does not take a malformed Host header into the URL', () => {
    const assets = new AssetUrls({});
    expect(assets.resolve('/images/avatars/u42.svg', request('evil.example/"><x'))).toBe('http://127.0.0.1:3101/images/avatars/u42.svg');
    expect(assets.resolve('/images/avatars/u42.svg', request(undefined))).toBe('http://127.0.0.1:3101/images/avatars/u42.svg');
  });

  it('answers a URL that is one already (an avatar the user chose) as it is', () => {
    const assets = new AssetUrls({ assetBaseUrl: 'https://cdn.example.com' });
    expect(assets.resolve('https://pics.example.org/me.png', request('x'))).toBe('https://pics.example.org/me.png');
    expect(assets.resolve('//pics.example.org/me.png', request('x'))).toBe('//pics.example.org/me.png');
  });
});
