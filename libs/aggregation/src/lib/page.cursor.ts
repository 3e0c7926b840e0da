import { InvalidCursorError } from '@bff/service-clients';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

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

/**
 * Which list a cursor pages: its kind, and what sets it apart from the other lists of that kind
 * (the user whose orders these are; the search text of a catalog search).
 */
export interface CursorScope {
  kind: CursorKind;
  of: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** base64url of an id of up to 64 characters, a dot, base64url of a 128-bit tag. */
const CURSOR = /^([A-Za-z0-9_-]{1,86})\.([A-Za-z0-9_-]{22})$/;
const TAG_BYTES = 16;

/**
 * Page cursors the gateway can recognise as its own: the last item's id and an HMAC-SHA256 tag
 * (truncated to 128 bits) over that id and the list it pages, with a key derived (HKDF) from the
 * configured secret under a label of its own. Opaque to clients, so the services' paging may change
 * without breaking the apps in the field; a cursor made by hand, altered, or handed out for another
 * list or another user is refused before any service is asked.
 */
export class PageCursors {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, '', 'bff page cursor v1', 32));
  }

  encode(scope: CursorScope, lastId: string): string {
    return `${Buffer.from(lastId).toString('base64url')}.${this.tag(scope, lastId).toString('base64url')}`;
  }

  /** @throws InvalidCursorError for anything {@link encode} did not write for this list */
  decode(scope: CursorScope, cursor: string): string {
    const match = CURSOR.exec(cursor);
    if (!match) throw new InvalidCursorError();
    const id = Buffer.from(match[1] ?? '', 'base64url').toString();
    const tag = Buffer.from(match[2] ?? '', 'base64url');
    if (!ID.test(id) || tag.length !== TAG_BYTES || !timingSafeEqual(tag, this.tag(scope, id))) throw new InvalidCursorError();
    return id;
  }

  /**
   * Reads one page through a service that lists `after` an id: asks for one item more than the page
   * holds, so that the last page says so without another call.
   * @throws InvalidCursorError for a cursor this list did not hand out
   */
  async readPage<T extends { id: string }>(scope: CursorScope, request: PageRequest, list: (page: { limit: number; after?: string }) => Promise<T[]>): Promise<Page<T>> {
    const after = request.cursor === undefined ? undefined : this.decode(scope, request.cursor);
    const fetched = await list({ limit: request.limit + 1, ...(after === undefined ? {} : { after }) });
    const items = fetched.slice(0, request.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: fetched.length > request.limit && last ? this.encode(scope, last.id) : null };
  }

  private tag(scope: CursorScope, id: string): Buffer {
    // JSON, so that no choice of parts can be read as another: ["orders","u4","2-x"] ≠ ["orders","u4-2","x"].
    return createHmac('sha256', this.key).update(JSON.stringify([scope.kind, scope.of, id])).digest().subarray(0, TAG_BYTES);
  }
}
