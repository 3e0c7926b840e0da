import { BffUrlError, resolveBffUrl } from './bff-url';

const page = (hostname: string) => ({ protocol: 'http:', hostname });

describe('resolveBffUrl', () => {
  it('calls localhost:3000 by default', () => {
    expect(resolveBffUrl({ page: page('localhost') })).toBe('http://localhost:3000');
    expect(resolveBffUrl({ page: page('shop.example.com') })).toBe('http://localhost:3000');
  });

  it('keeps the page’s loopback name, so the SameSite=Strict session cookie stays same-site', () => {
    expect(resolveBffUrl({ page: page('127.0.0.1') })).toBe('http://127.0.0.1:3000');
    expect(resolveBffUrl({ page: page('[::1]') })).toBe('http://[::1]:3000');
  });

  it('prefers the runtime setting to the build-time one, and that to the default', () => {
    const buildTime = 'https://bff.example.com';
    expect(resolveBffUrl({ runtime: 'http://127.0.0.1:41234', buildTime, page: page('127.0.0.1') })).toBe('http://127.0.0.1:41234');
    expect(resolveBffUrl({ runtime: undefined, buildTime, page: page('localhost') })).toBe('https://bff.example.com');
    expect(resolveBffUrl({ runtime: '', buildTime: '', page: page('localhost') })).toBe('http://localhost:3000');
  });

  it('accepts a trailing slash but nothing else after the origin', () => {
    expect(resolveBffUrl({ runtime: 'https://bff.example.com/', page: page('localhost') })).toBe('https://bff.example.com');
  });

  it.each([['bff.example.com'], ['ftp://bff.example.com'], ['https://bff.example.com/api'], ['https://bff.example.com?x=1'], [42]])(
    'refuses %p instead of calling somewhere unexpected',
    (runtime) => {
      expect(() => resolveBffUrl({ runtime, page: page('localhost') })).toThrow(BffUrlError);
    },
  );
});
