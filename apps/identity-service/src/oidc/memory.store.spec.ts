import { ManualClock } from '../clock/manual.clock';
import { MemoryStore, memoryAdapterOf } from './memory.store';

describe('MemoryStore through its oidc-provider adapter', () => {
  let clock: ManualClock;
  let store: MemoryStore;
  const adapter = (model: string) => new (memoryAdapterOf(store))(model);
  beforeEach(() => {
    clock = new ManualClock();
    store = new MemoryStore(clock);
  });

  it('keeps what is stored until it expires, and not a millisecond longer', async () => {
    const codes = adapter('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g1', accountId: 'u42' }, 60);
    clock.advance(59_999);
    expect(await codes.find('c1')).toEqual({ grantId: 'g1', accountId: 'u42' });
    clock.advance(1);
    expect(await codes.find('c1')).toBeUndefined();
  });

  it('keeps each model apart: the same id under two models is two entries', async () => {
    await adapter('RefreshToken').upsert('x', { accountId: 'u1' });
    await adapter('AccessToken').upsert('x', { accountId: 'u2' });
    expect((await adapter('RefreshToken').find('x'))?.accountId).toBe('u1');
  });

  it('marks a consumed token, so that its reuse is seen', async () => {
    const tokens = adapter('RefreshToken');
    await tokens.upsert('r1', { grantId: 'g1' }, 60);
    await tokens.consume('r1');
    expect((await tokens.find('r1'))?.consumed).toBe(Math.floor(clock.now() / 1000));
  });

  it('revokes everything issued under a grant, whatever the model, and nothing of another grant', async () => {
    await adapter('RefreshToken').upsert('r1', { grantId: 'g1' }, 60);
    await adapter('RefreshToken').upsert('r2', { grantId: 'g1' }, 60);
    await adapter('AuthorizationCode').upsert('c1', { grantId: 'g1' }, 60);
    await adapter('RefreshToken').upsert('r3', { grantId: 'g2' }, 60);

    await adapter('RefreshToken').revokeByGrantId('g1');

    expect(await Promise.all(['r1', 'r2', 'r3'].map((id) => adapter('RefreshToken').find(id)))).toEqual([undefined, undefined, { grantId: 'g2' }]);
    expect(await adapter('AuthorizationCode').find('c1')).toBeUndefined();
  });

  it('finds a session by its uid, until the session goes', async () => {
    const sessions = adapter('Session');
    await sessions.upsert('s1', { uid: 'uid-1', accountId: 'u42' }, 60);
    expect((await sessions.findByUid('uid-1'))?.accountId).toBe('u42');
    await sessions.destroy('s1');
    expect(await sessions.findByUid('uid-1')).toBeUndefined();
  });

  it('holds at most its bound: past it, expired entries go first, then the oldest', async () => {
    store = new MemoryStore(clock, 10);
    const tokens = adapter('RefreshToken');
    for (let i = 0; i < 5; i += 1) await tokens.upsert(`short${i}`, {}, 1);
    for (let i = 0; i < 5; i += 1) await tokens.upsert(`long${i}`, {}, 3600);
    clock.advance(2_000);
    await tokens.upsert('new', {}, 3600);
    expect(store.size()).toBeLessThanOrEqual(10);
    expect(await Promise.all(['long0', 'long4', 'new'].map(async (id) => (await tokens.find(id)) !== undefined))).toEqual([true, true, true]);
  });
});
