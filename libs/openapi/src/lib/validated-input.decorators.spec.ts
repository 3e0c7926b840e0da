import { Controller, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi.document';
import { ValidBody, ValidHeader, ValidParam, ValidQuery } from './validated-input.decorators';

const noteSchema = z.strictObject({ text: z.string().trim().min(1).max(140) });
const idSchema = z.string().regex(/^n[0-9]{1,6}$/, 'must be a note id such as n42');
const querySchema = z.object({ draft: z.enum(['yes', 'no']).optional() });
const keySchema = z.string().min(8).optional();

@Controller('notes')
class NotesController {
  @Post(':id')
  save(
    @ValidParam('id', idSchema) id: string,
    @ValidQuery(querySchema) query: z.infer<typeof querySchema>,
    @ValidHeader('Idempotency-Key', keySchema, 'Makes a retry safe') key: string | undefined,
    @ValidBody('SpecNote', noteSchema) note: z.infer<typeof noteSchema>,
  ): unknown {
    return { id, query, key, note };
  }
}

describe('the validated input decorators', () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [NotesController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.setGlobalPrefix('api');
    document = buildOpenApiDocument(app, { info: { title: 'spec', version: '1', description: 'spec' } });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const save = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

  it('hand the handler what the schemas parsed', async () => {
    const answer = await save('/api/notes/n42?draft=yes', { text: '  Buy milk ' }, { 'idempotency-key': 'retry-safe-1' });
    expect(answer.json()).toEqual({ id: 'n42', query: { draft: 'yes' }, key: 'retry-safe-1', note: { text: 'Buy milk' } });
  });

  it('refuse each bad input with a 400 that names it', async () => {
    // Nest's own filter here (no gateway's): the 400's `message` is the list of problems.
    const messages = async (path: string, body: unknown, headers?: Record<string, string>) => (await save(path, body, headers)).json<{ message: string[] }>().message.join('; ');
    expect(await messages('/api/notes/x1', { text: 'a' })).toBe('id: must be a note id such as n42');
    expect(await messages('/api/notes/n1?draft=maybe', { text: 'a' })).toBe('draft: must be one of: yes, no');
    expect(await messages('/api/notes/n1', { text: 'a' }, { 'idempotency-key': 'short' })).toBe('Idempotency-Key: must be at least 8 characters long');
    expect(await messages('/api/notes/n1', { text: ' ' })).toBe('text: must not be empty');
    expect(await messages('/api/notes/n1', ['a'])).toBe('body: must be an object');
  });

  it('document the same schemas in the operation', () => {
    const operation = document.paths['/api/notes/{id}']?.post;
    expect(operation?.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SpecNote' } } } });
    expect(operation?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^n[0-9]{1,6}$' } }),
        expect.objectContaining({ name: 'draft', in: 'query', required: false, schema: { type: 'string', enum: ['yes', 'no'] } }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, description: 'Makes a retry safe' }),
      ]),
    );
    expect(document.components?.schemas?.['SpecNote']).toMatchObject({ properties: { text: { type: 'string', minLength: 1, maxLength: 140 } } });
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['400', '415']));
  });
});
