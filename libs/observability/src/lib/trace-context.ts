import { randomBytes } from 'node:crypto';

/** A W3C Trace Context position: the trace, this gateway's span in it, and the sampling flags. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** The caller's span, when the trace came from the caller. */
  parentSpanId?: string;
  flags: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZEROS = /^0+$/;

/**
 * Ids are cut from random bytes drawn 4 KiB at a time: one call into the CSPRNG per ~170
 * requests rather than two per request (each a synchronous trip into OpenSSL; measured in the
 * README's performance section). Bytes are never handed out twice.
 */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  const hex = randomPool.toString('hex', randomOffset, randomOffset + bytes);
  randomOffset += bytes;
  return hex;
}

/**
 * Continues the caller's trace when its `traceparent` is valid (W3C Trace
 * Context, version 00), else starts one; either way the gateway's own span
 * gets a new id, which becomes the parent of every downstream call.
 */
export function traceContextFrom(traceparent: unknown): TraceContext {
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
  const spanId = randomHex(8);
  if (match?.[1] && match[2] && match[3] && !ALL_ZEROS.test(match[1]) && !ALL_ZEROS.test(match[2])) {
    return { traceId: match[1], spanId, parentSpanId: match[2], flags: match[3] };
  }
  return { traceId: randomHex(16), spanId, flags: '01' };
}

/** The `traceparent` header a downstream call carries: same trace, the gateway's span as its parent. */
export function traceparentOf(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}
