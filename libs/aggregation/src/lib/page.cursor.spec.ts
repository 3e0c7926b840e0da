import { InvalidCursorError } from '@bff/service-clients';
import { decodeCursor, encodeCursor, readPage } from './page.cursor';

describe('page cursors', () => {
  it('give back the id they were made from, for their own list only', () => {
    const cursor = encodeCursor('orders', 'o42-20');
    expect(decodeCursor('orders', cursor)).toBe('o42-20');
    expect(() => decodeCursor('products', cursor)).toThrow(InvalidCursorError);
  });

  it.each(['', 'not base64!', 'b3JkZXJz', Buffer.from('orders:../x').toString('base64url'), 'x'.repeat(300)])(
    'refuse a cursor the gateway did not write: %s',
    (cursor) => {
      expect(() => decodeCursor('orders', cursor)).toThrow(InvalidCursorError);
    },
  );

  it('ask for one more item than the page holds, and hand out a cursor only when there is more', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: `o${i + 1}` }));
    const list = async ({ limit, after }: { limit: number; after?: string }) => {
      const start = after === undefined ? 0 : all.findIndex((item) => item.id === after) + 1;
      return all.slice(start, start + limit);
    };

    const first = await readPage('orders', { limit: 2 }, list);
    const second = await readPage('orders', { limit: 2, cursor: first.nextCursor ?? undefined }, list);
    const third = await readPage('orders', { limit: 2, cursor: second.nextCursor ?? undefined }, list);

    expect([first, second, third].map((page) => page.items.map((item) => item.id))).toEqual([['o1', 'o2'], ['o3', 'o4'], ['o5']]);
    expect(third.nextCursor).toBeNull();
    expect((await readPage('orders', { limit: 5 }, list)).nextCursor).toBeNull();
  });
});
