import type { ResponseMeta } from '@bff/contracts';

/**
 * The parts of an answer that are missing or stale. web-bff names them twice, in `meta.degraded` and in
 * the `X-Degraded` header (comma-separated); either is enough, so that a proxy dropping the header, or a
 * body without `meta`, still shows the notice.
 */
export function degradedParts(meta: Partial<ResponseMeta> | undefined, header: string | null): string[] {
  const fromHeader = (header ?? '').split(',').map((part) => part.trim());
  return [...new Set([...(meta?.degraded ?? []), ...fromHeader])].filter((part) => part !== '');
}
