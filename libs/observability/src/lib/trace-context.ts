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
 * Continues the caller's trace when its `traceparent` is valid (W3C Trace
 * Context, version 00), else starts one; either way the gateway's own span
 * gets a new id, which becomes the parent of every downstream call.
 */
export function traceContextFrom(traceparent: unknown): TraceContext {
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
  const spanId = randomBytes(8).toString('hex');
  if (match?.[1] && match[2] && match[3] && !ALL_ZEROS.test(match[1]) && !ALL_ZEROS.test(match[2])) {
    return { traceId: match[1], spanId, parentSpanId: match[2], flags: match[3] };
  }
  return { traceId: randomBytes(16).toString('hex'), spanId, flags: '01' };
}

/** The `traceparent` header a downstream call carries: same trace, the gateway's span as its parent. */
export function traceparentOf(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}
