import { READY_LINE, readyLine } from './ready-line';

describe('readyLine', () => {
  it('announces a loopback address that launchers can read back', () => {
    const line = readyLine('web-bff', { address: '127.0.0.1', family: 'IPv4', port: 41234 });
    expect(line).toBe('web-bff listening on http://127.0.0.1:41234');
    expect(READY_LINE.exec(`noise\n${line}\n`)?.slice(1)).toEqual(['web-bff', 'http://127.0.0.1:41234']);
  });

  it('turns a wildcard bind into a URL a local client can call', () => {
    expect(readyLine('user-service', { address: '0.0.0.0', family: 'IPv4', port: 3101 })).toBe(
      'user-service listening on http://127.0.0.1:3101',
    );
    expect(readyLine('user-service', { address: '::1', family: 'IPv6', port: 3101 })).toBe(
      'user-service listening on http://[::1]:3101',
    );
  });
});
