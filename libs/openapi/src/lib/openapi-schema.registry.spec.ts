import { z } from 'zod';
import { namedSchema, namedSchemaObjects } from './openapi-schema.registry';

describe('the named schemas of a gateway document', () => {
  const card = z.object({ id: z.string(), price: z.number().nonnegative() });
  const page = z.object({ cards: z.array(card), featured: card.nullable(), nextCursor: z.string().nullable() });
  namedSchema('response', 'RegistrySpecCard', card);
  namedSchema('response', 'RegistrySpecPage', page);

  it('refers from one named schema to another, and marks a nullable reference with its type (OpenAPI 3.0.3)', () => {
    const schemas = namedSchemaObjects();
    expect(schemas['RegistrySpecPage']).toEqual({
      type: 'object',
      properties: {
        cards: { type: 'array', items: { $ref: '#/components/schemas/RegistrySpecCard' } },
        featured: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/RegistrySpecCard' }] },
        nextCursor: { type: 'string', nullable: true },
      },
      required: ['cards', 'featured', 'nextCursor'],
      additionalProperties: false,
    });
  });

  it('describes the one error shape as ApiError', () => {
    expect(namedSchemaObjects()['ApiError']).toMatchObject({
      required: ['statusCode', 'error', 'message'],
      properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
      additionalProperties: false,
    });
  });

  it('refuses a name already given to another schema, so that no component is silently replaced', () => {
    expect(() => namedSchema('response', 'RegistrySpecCard', z.object({ id: z.number() }))).toThrow('"RegistrySpecCard" is already used for a different schema');
    expect(namedSchema('response', 'RegistrySpecCard', card)).toEqual({ $ref: '#/components/schemas/RegistrySpecCard' });
  });
});
