import { InvalidCursorError } from '@bff/service-clients';

/** What a list screen asks for: how many, and where the previous page ended (a cursor the gateway gave out). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** A page of a list, and the cursor of the next page (null on the last one). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The lists that hand out cursors; a cursor of one does not page another. */
export type CursorKind = 'orders' | 'products';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Cursors are opaque to clients (base64url of the list's name and the last item's id), so that the
 * services' paging may change without breaking the apps in the field.
 */
export function encodeCursor(kind: CursorKind, lastId: string): string {
  return Buffer.from(`${kind}:${lastId}`).toString('base64url');
}

/** @throws InvalidCursorError for anything {@link encodeCursor} did not write for this list */
export function decodeCursor(kind: CursorKind, cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const [prefix, id] = [decoded.slice(0, kind.length + 1), decoded.slice(kind.length + 1)];
  if (prefix !== `${kind}:` || !ID.test(id)) throw new InvalidCursorError();
  return id;
}

/**
 * Reads one page through a service that lists `after` an id: asks for one item more than the page
 * holds, so that the last page says so without another call.
 */
export async function readPage<T extends { id: string }>(
  kind: CursorKind,
  request: PageRequest,
  list: (page: { limit: number; after?: string }) => Promise<T[]>,
): Promise<Page<T>> {
  const after = request.cursor === undefined ? undefined : decodeCursor(kind, request.cursor);
  const fetched = await list({ limit: request.limit + 1, ...(after === undefined ? {} : { after }) });
  const items = fetched.slice(0, request.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: fetched.length > request.limit && last ? encodeCursor(kind, last.id) : null };
}
