import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, VerificationKeysUnavailableError } from './authentication.error';
import { JwksKeySet } from './jwks.key-set';

// RSA keys are slow to make: a few, shared by every test (each test publishes them under new kids).
const KEY_POOL = Array.from({ length: 3 }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
let nextKey = 0;

/** A JWKS endpoint on loopback whose keys, answers and request count the test controls. */
class JwksEndpoint {
  readonly published = new Map<string, KeyObject>();
  requests = 0;
  failing = false;
  private server: Server | undefined;
  url = '';

  publish(kid: string = randomUUID()): { kid: string; publicKey: KeyObject } {
    const publicKey = KEY_POOL[nextKey++ % KEY_POOL.length] as KeyObject;
    this.published.set(kid, publicKey);
    return { kid, publicKey };
  }

  async start(): Promise<void> {
    this.server = createServer((_request, response) => {
      this.requests++;
      if (this.failing) return void response.writeHead(503).end();
      const keys = [...this.published].map(([kid, key]) => ({ ...key.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks.json`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('JwksKeySet', () => {
  const COOLDOWN = 10_000;
  const MAX_AGE = 600_000;
  let endpoint: JwksEndpoint;
  let now: number;
  let original: { kid: string; publicKey: KeyObject };
  const keySet = (options: { unknownKidTtlMs?: number } = {}) =>
    new JwksKeySet(endpoint.url, { cooldownMs: COOLDOWN, maxAgeMs: MAX_AGE, timeoutMs: 1_000, unknownKidTtlMs: options.unknownKidTtlMs ?? 60_000, unknownKidCacheSize: 1_000, now: () => now });
  const rs256 = (kid: string) => ({ alg: 'RS256', kid });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  beforeEach(async () => {
    now = 1_000_000;
    endpoint = new JwksEndpoint();
    original = endpoint.publish('original');
    await endpoint.start();
  });
  afterEach(() => endpoint.stop());

  it('fetches the key set for the first token, and hands out the key its kid names', async () => {
    const keys = keySet();
    const key = await keys.keyFor(rs256(original.kid));
    expect(key.equals(original.publicKey)).toBe(true);
    await keys.keyFor(rs256(original.kid));
    expect(endpoint.requests).toBe(1);
  });

  it('fetches at most once per cooldown, however many unknown kids arrive, and refuses them as invalid tokens', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    const flood = async () => Promise.allSettled(Array.from({ length: 50 }, () => keys.keyFor(rs256(randomUUID()))));

    const first = await flood();
    expect(first.every((result) => result.status === 'rejected' && result.reason instanceof AuthenticationError)).toBe(true);
    // The first load does not count against the cooldown: one fetch for the flood, shared by all 50.
    expect(endpoint.requests).toBe(2);

    for (let second = 1; second < 60; second++) {
      now += 1_000;
      await flood();
    }
    // 60 s of 50 random kids a second: one fetch per 10 s cooldown.
    expect(endpoint.requests).toBe(2 + 5);
  });

  it('validates a freshly rotated key within one cooldown, even during a flood of random kids', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    await Promise.allSettled([keys.keyFor(rs256(randomUUID()))]);
    const rotated = endpoint.publish('rotated');

    const acceptedAfter: number[] = [];
    const start = now;
    for (let step = 0; step < 150 && acceptedAfter.length === 0; step++) {
      now += 100;
      await Promise.allSettled(Array.from({ length: 10 }, () => keys.keyFor(rs256(randomUUID()))));
      const key = await keys.keyFor(rs256(rotated.kid)).catch(() => undefined);
      if (key?.equals(rotated.publicKey)) acceptedAfter.push(now - start);
    }
    expect(acceptedAfter[0]).toBeLessThanOrEqual(COOLDOWN);
  });

  it('validates a rotated key at once when nothing fetched the key set within the cooldown', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    const rotated = endpoint.publish('rotated');
    expect((await keys.keyFor(rs256(rotated.kid))).equals(rotated.publicKey)).toBe(true);
  });

  it('remembers a kid the key set lacked when fetched for it: asking again after the cooldown fetches nothing', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    await expect(keys.keyFor(rs256('made-up'))).rejects.toThrow(AuthenticationError);
    expect(endpoint.requests).toBe(2);

    now += COOLDOWN;
    await expect(keys.keyFor(rs256('made-up'))).rejects.toThrow(AuthenticationError);
    expect(endpoint.requests).toBe(2);
    // Another unknown kid may bring the next fetch, which forgets what was remembered.
    await expect(keys.keyFor(rs256('another'))).rejects.toThrow(AuthenticationError);
    expect(endpoint.requests).toBe(3);
  });

  it('does not remember a kid refused only because of the cooldown', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    await expect(keys.keyFor(rs256('first-unknown'))).rejects.toThrow(AuthenticationError);
    const rotated = endpoint.publish('rotated');
    await expect(keys.keyFor(rs256(rotated.kid))).rejects.toThrow(AuthenticationError);

    now += COOLDOWN;
    expect((await keys.keyFor(rs256(rotated.kid))).equals(rotated.publicKey)).toBe(true);
  });

  it('answers unavailable, without hammering the endpoint, while no key set could ever be fetched', async () => {
    endpoint.failing = true;
    const keys = keySet();
    await expect(keys.keyFor(rs256(original.kid))).rejects.toThrow(VerificationKeysUnavailableError);
    await expect(keys.keyFor(rs256(original.kid))).rejects.toThrow(VerificationKeysUnavailableError);
    expect(endpoint.requests).toBe(1);

    endpoint.failing = false;
    now += COOLDOWN;
    expect((await keys.keyFor(rs256(original.kid))).equals(original.publicKey)).toBe(true);
    expect(endpoint.requests).toBe(2);
  });

  it('keeps the keys it has while the endpoint is down, and refuses an unknown kid as invalid', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    endpoint.failing = true;
    now += MAX_AGE;

    expect((await keys.keyFor(rs256(original.kid))).equals(original.publicKey)).toBe(true);
    await settle();
    expect(endpoint.requests).toBe(2);
    await expect(keys.keyFor(rs256('rotated-in-while-down'))).rejects.toThrow(AuthenticationError);
    expect((await keys.keyFor(rs256(original.kid))).equals(original.publicKey)).toBe(true);
    // The failed background check holds off the next fetch for a cooldown.
    expect(endpoint.requests).toBe(2);
  });

  it('drops a key the endpoint no longer publishes once the key set is re-checked', async () => {
    const keys = keySet();
    await keys.keyFor(rs256(original.kid));
    const successor = endpoint.publish('successor');
    endpoint.published.delete(original.kid);
    now += MAX_AGE;

    // Served from the keys at hand while the check runs in the background.
    expect((await keys.keyFor(rs256(original.kid))).equals(original.publicKey)).toBe(true);
    await settle();
    await expect(keys.keyFor(rs256(original.kid))).rejects.toThrow(AuthenticationError);
    expect((await keys.keyFor(rs256(successor.kid))).equals(successor.publicKey)).toBe(true);
  });

  it('refuses a kid published for another algorithm as invalid, never as a server error', async () => {
    const keys = keySet();
    await expect(keys.keyFor({ alg: 'ES256', kid: original.kid })).rejects.toThrow(AuthenticationError);
  });
});
