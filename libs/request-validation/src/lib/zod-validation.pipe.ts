import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { readableMessage } from './readable.messages';

/**
 * Validates what a client sent (a body, a query, a path parameter, a header) against a zod
 * schema: the parsed value on success, a 400 naming every problem otherwise (`name: must not be
 * empty`, `id: must be at most 64 characters long`), so malformed input never reaches a service.
 */
@Injectable()
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  /**
   * @param name what the value is, for problems with the whole of it rather than one field: a path
   *   parameter's or a header's name (`id: must not be empty`), `body`, `query`
   */
  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly name?: string,
  ) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value, { error: readableMessage });
    if (result.success) return result.data;
    throw new BadRequestException(result.error.issues.flatMap((issue) => this.messagesOf(issue)));
  }

  private messagesOf(issue: z.core.$ZodIssue): string[] {
    // One line per unknown field, named like any other field.
    const fields = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return fields.map((path) => {
      const where = path.length > 0 ? path.map(String).join('.') : this.name;
      return where ? `${where}: ${issue.message}` : issue.message;
    });
  }
}
