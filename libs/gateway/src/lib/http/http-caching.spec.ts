import { entityTagOf, ifNoneMatchMatches } from './http-caching';

describe('ifNoneMatchMatches (RFC 9110 §13.1.2, weak comparison)', () => {
  const etag = entityTagOf('{"user":{"id":"u42"}}');

  it('matches the tag itself, with or without the weak prefix on either side', () => {
    expect(ifNoneMatchMatches(etag, etag)).toBe(true);
    expect(ifNoneMatchMatches(etag.slice(2), etag)).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', '"abc"')).toBe(true);
  });

  it('matches any member of a list, and *', () => {
    expect(ifNoneMatchMatches(`"stale", ${etag} ,W/"other"`, etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
  });

  it('does not match another tag, a missing or empty field, or a tag that only contains it', () => {
    expect(ifNoneMatchMatches(entityTagOf('{"user":{"id":"u7"}}'), etag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
    expect(ifNoneMatchMatches('', etag)).toBe(false);
    expect(ifNoneMatchMatches('"a,b"', '"a"')).toBe(false);
    expect(ifNoneMatchMatches('abc', '"abc"')).toBe(false);
  });
});

describe('entityTagOf', () => {
  it('is a weak tag that changes with the body and not between equal bodies', () => {
    expect(entityTagOf('{"a":1}')).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(entityTagOf('{"a":1}')).toBe(entityTagOf(Buffer.from('{"a":1}')));
    expect(entityTagOf('{"a":1}')).not.toBe(entityTagOf('{"a":2}'));
  });
});
