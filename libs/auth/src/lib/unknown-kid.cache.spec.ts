import { UnknownKidCache } from './unknown-kid.cache';

describe('UnknownKidCache', () => {
  let now = 0;
  const cache = (ttlMs = 1_000, maxSize = 3) => new UnknownKidCache(ttlMs, maxSize, () => now);
  beforeEach(() => {
    now = 0;
  });

  it('remembers a kid for its time to live, then forgets it', () => {
    const kids = cache();
    kids.add('a');
    now = 999;
    expect(kids.has('a')).toBe(true);
    now = 1_000;
    expect(kids.has('a')).toBe(false);
    expect(kids.size).toBe(0);
  });

  it('holds at most its size, dropping the oldest first', () => {
    const kids = cache(60_000, 3);
    for (const kid of ['a', 'b', 'c', 'd', 'e']) kids.add(kid);
    expect(['a', 'b', 'c', 'd', 'e'].map((kid) => kids.has(kid))).toEqual([false, false, true, true, true]);
    expect(kids.size).toBe(3);
  });

  it('stays bounded under a flood of distinct kids', () => {
    const kids = cache(60_000, 1_000);
    for (let i = 0; i < 100_000; i++) kids.add(`random-${i}`);
    expect(kids.size).toBe(1_000);
  });

  it('forgets everything when a new key set arrives', () => {
    const kids = cache();
    kids.add('a');
    kids.clear();
    expect(kids.has('a')).toBe(false);
  });
});
