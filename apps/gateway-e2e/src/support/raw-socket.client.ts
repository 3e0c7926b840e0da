import { connect } from 'node:net';

/** The first HTTP/1.1 response read off a raw socket. */
export interface RawAnswer {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  /** The first complete response, when one came. */
  answer?: RawAnswer;
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
  /** From the first byte sent to the answer (or the close, or the end of the wait). */
  elapsedMs: number;
  /** From the first byte sent to the server's close, when it closed within the wait. */
  closedMs?: number;
}

/** Parses the first complete response in `data` (a body framed by Content-Length), or undefined while it is incomplete. */
export function parseRawAnswer(data: string): RawAnswer | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = data.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const length = Number(headers['content-length'] ?? 0);
  const body = data.slice(end + 4);
  if (Buffer.byteLength(body) < length) return undefined;
  return { status, headers, body: body.slice(0, length) };
}

export interface RawExchangeOptions {
  /** Sends one chunk every this many ms. @default all at once */
  everyMs?: number;
  /** The longest to wait for the answer and the close. */
  waitMs: number;
  /** Stop as soon as a whole response came, without waiting for the close. @default false */
  untilAnswer?: boolean;
}

/**
 * Writes `chunks` on a fresh connection and reads until a whole response came and the server
 * closed, or `waitMs` passed. Nothing of HTTP is done for the caller: what goes out is exactly the
 * bytes given.
 */
export function rawExchange(port: number, chunks: Array<string | Buffer>, options: RawExchangeOptions): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    let data = '';
    let answer: RawAnswer | undefined;
    let answeredAt: number | undefined;
    const socket = connect(port, '127.0.0.1');
    const pending = [...chunks];
    let writer: NodeJS.Timeout | undefined;
    const writeNext = () => {
      const chunk = pending.shift();
      if (chunk !== undefined && socket.writable) socket.write(chunk);
      if (pending.length === 0) clearInterval(writer);
    };
    socket.on('connect', () => {
      if (options.everyMs === undefined) {
        while (pending.length > 0) writeNext();
        return;
      }
      writeNext();
      writer = setInterval(writeNext, options.everyMs);
    });
    const finish = (closed: boolean) => {
      clearInterval(writer);
      clearTimeout(deadline);
      socket.destroy();
      const now = performance.now();
      resolve({ answer, closed, elapsedMs: (answeredAt ?? now) - started, ...(closed ? { closedMs: now - started } : {}) });
    };
    const deadline = setTimeout(() => finish(false), options.waitMs);
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (!answer) {
        answer = parseRawAnswer(data);
        if (answer) answeredAt = performance.now();
        if (answer && options.untilAnswer) finish(false);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
  });
}
