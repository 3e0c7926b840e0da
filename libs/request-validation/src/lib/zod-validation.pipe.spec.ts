import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

function problems(pipe: ZodValidationPipe<unknown>, value: unknown): string[] {
  try {
    pipe.transform(value);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string[] }).message;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('ZodValidationPipe', () => {
  const profile = z.strictObject({
    displayName: z.string().trim().min(1).max(80),
    email: z.email().optional(),
    quantity: z.number().int().min(1).max(99).optional(),
    tags: z.array(z.string()).min(1).max(3).optional(),
    size: z.enum(['s', 'm', 'l']).optional(),
    avatarUrl: z.url().refine((url) => url.startsWith('https:'), 'must be an https URL').optional(),
  });
  const body = new ZodValidationPipe(profile, 'body');

  it('answers the parsed value', () => {
    expect(body.transform({ displayName: ' Ada ' })).toEqual({ displayName: 'Ada' });
  });

  it.each([
    [{ displayName: '   ' }, ['displayName: must not be empty']],
    [{ displayName: 'x'.repeat(81) }, ['displayName: must be at most 80 characters long']],
    [{}, ['displayName: is required']],
    [{ displayName: 42 }, ['displayName: must be text']],
    [{ displayName: 'Ada', email: 'ada' }, ['email: must be an email address']],
    [{ displayName: 'Ada', quantity: 0 }, ['quantity: must be 1 or more']],
    [{ displayName: 'Ada', quantity: 100 }, ['quantity: must be 99 or less']],
    [{ displayName: 'Ada', quantity: 2.5 }, ['quantity: must be a whole number']],
    [{ displayName: 'Ada', tags: [] }, ['tags: must not be empty']],
    [{ displayName: 'Ada', tags: ['a', 'b', 'c', 'd'] }, ['tags: must have at most 3 items']],
    [{ displayName: 'Ada', size: 'xl' }, ['size: must be one of: s, m, l']],
    [{ displayName: 'Ada', avatarUrl: 'http://cdn.example.com/a.png' }, ['avatarUrl: must be an https URL']],
    [{ displayName: 'Ada', tier: 'gold', admin: true }, ['tier: is not a known field', 'admin: is not a known field']],
    [[{ displayName: 'Ada' }], ['body: must be an object']],
  ])('words the problems with %j for a person, each naming its field', (value, expected) => {
    expect(problems(body, value)).toEqual(expected);
  });

  it('names a path parameter or header that is wrong as a whole', () => {
    const id = new ZodValidationPipe(z.string().regex(/^o[0-9]+$/, 'must be an order id such as o42').max(64), 'id');
    expect(problems(id, 'x'.repeat(65))).toEqual(['id: must be an order id such as o42', 'id: must be at most 64 characters long']);
    expect(problems(new ZodValidationPipe(z.string(), 'Idempotency-Key'), undefined)).toEqual(['Idempotency-Key: is required']);
  });

  it('keeps a message the schema states itself', () => {
    const limit = new ZodValidationPipe(z.object({ limit: z.number().max(50, 'must be a page size of at most 50') }), 'query');
    expect(problems(limit, { limit: 51 })).toEqual(['limit: must be a page size of at most 50']);
  });
});
