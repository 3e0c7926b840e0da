import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { spawnSync } from 'node:child_process';
import { MemorySessionStore } from './memory-session.store';
import { RedisSessionStore } from './redis-session.store';
import type { SessionStore } from './session.store';
import type { StoredSession } from './stored-session';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redisAnswers = spawnSync('redis-cli', ['-u', REDIS_URL, 'ping'], { encoding: 'utf8', timeout: 2_000 }).stdout?.trim() === 'PONG';
if (!redisAnswers) process.stderr.write(`\n*** SKIPPED the Redis session store tests: nothing answers at ${REDIS_URL}\n\n`);

const session = (overrides: Partial<StoredSession> = {}): StoredSession => ({
  sub: 'u42',
  sid: 'provider-session-1',
  accessToken: 'a.b.c',
  accessExpiresAt: Date.now() / 1000 + 60,
  accessLifetime: 60,
  refreshToken: 'refresh-1',
  csrfToken: 'csrf',
  expiresAt: Date.now() / 1000 + 3600,
  version: 0,
  ...overrides,
});

// The same behaviour from both stores: one instance in memory, many through Redis.
const prefix = `test:web-session:${randomUUID()}:`;
afterAll(async () => {
  if (!redisAnswers) return;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe.each([
  ['in memory', () => new MemorySessionStore()],
  ...(redisAnswers ? [['in Redis', () => RedisSessionStore.connect({ url: REDIS_URL, keyPrefix: prefix, timeoutMs: 500 })] as const] : []),
] as Array<[string, () => SessionStore]>)('session store %s', (_where, open) => {
  let store: SessionStore;
  beforeEach(() => (store = open()));
  afterEach(() => store.close());

  it('keeps a session until it is deleted, and replaces it only while it exists', async () => {
    await store.create('k1', session());
    expect(await store.get('k1')).toEqual(session({ accessExpiresAt: expect.any(Number), expiresAt: expect.any(Number) }));

    expect(await store.replace('k1', session({ accessToken: 'd.e.f', version: 1 }))).toBe(true);
    expect((await store.get('k1'))?.accessToken).toBe('d.e.f');

    await store.delete('k1');
    expect(await store.get('k1')).toBeUndefined();
    // A refresh that finishes after a logout does not bring the session back.
    expect(await store.replace('k1', session({ version: 2 }))).toBe(false);
    expect(await store.get('k1')).toBeUndefined();
  });

  it('forgets a session once it has expired', async () => {
    await store.create('short', session({ expiresAt: Date.now() / 1000 + 1 }));
    expect((await store.get('short'))?.sub).toBe('u42');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await store.get('short')).toBeUndefined();
  });

  it('ends every session of one provider session, or of one user, and no other', async () => {
    await store.create('a', session({ sid: 's1' }));
    await store.create('b', session({ sid: 's1' }));
    await store.create('c', session({ sid: 's2' }));
    await store.create('d', session({ sub: 'u7', sid: 's3' }));

    expect(await store.deleteAll({ sid: 's1' })).toBe(2);
    expect([await store.get('a'), await store.get('b')]).toEqual([undefined, undefined]);
    expect((await store.get('c'))?.sid).toBe('s2');

    expect(await store.deleteAll({ sub: 'u42' })).toBe(1);
    expect(await store.get('c')).toBeUndefined();
    expect((await store.get('d'))?.sub).toBe('u7');
    expect(await store.deleteAll({ sid: 'no-such-session' })).toBe(0);
  });

  it('lets a name be claimed once (a used state, a seen logout token)', async () => {
    expect(await store.claimOnce('jti:1', 60)).toBe(true);
    expect(await store.claimOnce('jti:1', 60)).toBe(false);
    expect(await store.claimOnce('jti:2', 60)).toBe(true);
  });

  it('gives a refresh lock to one holder at a time, back only from its owner, and frees it when it lapses', async () => {
    const owner = await store.lock('k', 300);
    expect(owner).toEqual(expect.any(String));
    expect(await store.lock('k', 300)).toBeUndefined();
    await store.unlock('k', 'not-the-owner');
    expect(await store.lock('k', 300)).toBeUndefined();
    await store.unlock('k', owner as string);
    const next = await store.lock('k', 200);
    expect(next).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await store.lock('k', 200)).toEqual(expect.any(String));
  });
});

describe('session store in Redis, when Redis is down', () => {
  it('says so with SessionStoreUnavailableError (a 503), fast, rather than hanging or answering "no session"', async () => {
    const store = RedisSessionStore.connect({ url: 'redis://127.0.0.1:1', keyPrefix: 'test:', timeoutMs: 100 });
    const started = Date.now();
    await expect(store.get('k')).rejects.toMatchObject({ name: 'SessionStoreUnavailableError', status: 503 });
    expect(Date.now() - started).toBeLessThan(1_000);
    await store.close();
  });
});
