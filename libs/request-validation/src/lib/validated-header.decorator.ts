import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * A request header validated like a body (Nest's `@Headers()` takes no pipes): the parsed value,
 * or a 400 naming the header. A header sent twice arrives joined by commas and is judged as sent.
 */
export const ValidatedHeader = createParamDecorator((spec: { name: string; schema: z.ZodType }, context: ExecutionContext) => {
  const headers = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers;
  const raw = headers[spec.name.toLowerCase()];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  return new ZodValidationPipe(spec.schema, spec.name).transform(value);
});
