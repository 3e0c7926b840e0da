import { InvalidCursorError } from '@bff/service-clients';
import { PageCursors } from './page.cursor';

describe('PageCursors', () => {
  const cursors = new PageCursors('a-test-secret-of-at-least-32-characters');
  const orders = { kind: 'orders', of: 'u42' } as const;

  it('give back the id they were made from, for their own list only', () => {
    const cursor = cursors.encode(orders, 'o42-20');
    expect(cursors.decode(orders, cursor)).toBe('o42-20');
    expect(() => cursors.decode({ kind: 'orders', of: 'u7' }, cursor)).toThrow(InvalidCursorError);
    expect(() => cursors.decode({ kind: 'products', of: 'u42' }, cursor)).toThrow(InvalidCursorError);
    expect(() => cursors.decode({ kind: 'products', of: '' }, cursors.encode({ kind: 'products', of: 'kettle' }, 'p3'))).toThrow(InvalidCursorError);
  });

  it('are no longer plain base64 of the list and the id, and fit a URL as they are', () => {
    const cursor = cursors.encode(orders, 'o42-2');
    expect(cursor).not.toBe(Buffer.from('orders:o42-2').toString('base64url'));
    expect(cursor).toMatch(/^[A-Za-z0-9_.-]{1,200}$/);
  });

  it('refuse a cursor made with another key: another gateway’s, or one made by hand', () => {
    const other = new PageCursors('another-secret-of-at-least-32-characters!');
    expect(() => cursors.decode(orders, other.encode(orders, 'o42-2'))).toThrow(InvalidCursorError);
  });

  it('refuse a cursor whose id or tag was altered', () => {
    const [id = '', tag = ''] = cursors.encode(orders, 'o42-2').split('.');
    const flipped = (text: string) => `${text.slice(0, -2)}${text.at(-2) === 'A' ? 'B' : 'A'}${text.slice(-1)}`;
    expect(() => cursors.decode(orders, `${Buffer.from('o42-3').toString('base64url')}.${tag}`)).toThrow(InvalidCursorError);
    expect(() => cursors.decode(orders, `${id}.${flipped(tag)}`)).toThrow(InvalidCursorError);
  });

  it.each([
    '',
    'not base64!',
    'b3JkZXJz',
    Buffer.from('orders:o42-2').toString('base64url'),
    `${Buffer.from('../x').toString('base64url')}.${'A'.repeat(22)}`,
    'x'.repeat(300),
  ])('refuse a cursor the gateway did not write: %s', (cursor) => {
    expect(() => cursors.decode(orders, cursor)).toThrow(InvalidCursorError);
  });

  it('ask for one more item than the page holds, and hand out a cursor only when there is more', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: `o${i + 1}` }));
    const list = async ({ limit, after }: { limit: number; after?: string }) => {
      const start = after === undefined ? 0 : all.findIndex((item) => item.id === after) + 1;
      return all.slice(start, start + limit);
    };

    const first = await cursors.readPage(orders, { limit: 2 }, list);
    const second = await cursors.readPage(orders, { limit: 2, cursor: first.nextCursor ?? undefined }, list);
    const third = await cursors.readPage(orders, { limit: 2, cursor: second.nextCursor ?? undefined }, list);

    expect([first, second, third].map((page) => page.items.map((item) => item.id))).toEqual([['o1', 'o2'], ['o3', 'o4'], ['o5']]);
    expect(third.nextCursor).toBeNull();
    expect((await cursors.readPage(orders, { limit: 5 }, list)).nextCursor).toBeNull();
  });
});
