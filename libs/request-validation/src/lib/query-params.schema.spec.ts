import { pageQuerySchema } from './query-params.schema';

describe('pageQuerySchema', () => {
  const schema = pageQuerySchema({ default: 20, max: 50 });

  it('applies the default page size and keeps a cursor', () => {
    expect(schema.parse({})).toEqual({ limit: 20 });
    expect(schema.parse({ cursor: 'abc', limit: '50' })).toEqual({ cursor: 'abc', limit: 50 });
  });

  it.each([['0'], ['51'], [''], ['1e1'], [' 5'], ['0x10'], ['-1'], ['2.5'], [['1', '2']]])('refuses limit=%j', (limit) => {
    expect(schema.safeParse({ limit }).success).toBe(false);
  });

  it('refuses an empty or repeated cursor', () => {
    expect(schema.safeParse({ cursor: '' }).success).toBe(false);
    expect(schema.safeParse({ cursor: ['a', 'b'] }).success).toBe(false);
  });
});
