import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Parses a `limit` query parameter: absent means the default; anything but a whole number from 1 to max is a 400. */
@Injectable()
export class ParseLimitPipe implements PipeTransform<unknown, number> {
  constructor(private readonly bounds: { default: number; max: number }) {}

  transform(value: unknown): number {
    if (value === undefined || value === '') return this.bounds.default;
    if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > this.bounds.max) {
      throw new BadRequestException(`limit must be a whole number from 1 to ${this.bounds.max}`);
    }
    return Number(value);
  }
}

/** A required query parameter given once; a missing, repeated or empty one is a 400. */
@Injectable()
export class RequiredQueryPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || value === '') throw new BadRequestException(`${this.name} is required`);
    return value;
  }
}
