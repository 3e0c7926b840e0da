import { EventEmitter } from 'node:events';
import type { DownstreamCallContext } from './downstream-call.context';
import type { RequestCancellation } from './request.cancellation';

/** Milliseconds before the request's deadline; unbounded without one. */
export function timeLeft(context: DownstreamCallContext | undefined): number {
  const deadlineAt = context?.deadlineAt;
  return deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - Date.now();
}

/** Whether the request has given up on its calls (a required part of its screen failed). */
export function requestCancelled(context: DownstreamCallContext | undefined): boolean {
  return context?.cancellation?.cancelled === true;
}

/**
 * One attempt's timeout, as undici's request signal (which may be an EventEmitter): one timer per
 * attempt, cleared once the answer is in. It also ends the attempt when the caller goes away
 * (`caller`, the forwarder's client) or when the request gives up on its calls (`request`, the
 * request's cancellation), and says which it was. AbortSignal.timeout and AbortSignal.any cost
 * more per call (an EventTarget, a weakly held timer and a finalization registry entry; measured
 * in the README's performance section).
 */
export class CallDeadline extends EventEmitter {
  aborted = false;
  /** The attempt's own time ran out: the service was too slow. */
  timedOut = false;
  /** Nobody waits for the answer any more (the caller went away, or the request gave up on it); not the service's fault. */
  cancelled = false;
  /** The request gave up on its calls, rather than the caller going away. */
  cancelledByRequest = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly timeoutMs: number,
    private readonly caller?: AbortSignal,
    private readonly request?: RequestCancellation,
  ) {
    super();
    this.timer = setTimeout(this.expire, timeoutMs);
    if (caller?.aborted) this.onCallerGone();
    else caller?.addEventListener('abort', this.onCallerGone, { once: true });
    if (request?.cancelled) this.onRequestCancelled();
    else request?.once('cancel', this.onRequestCancelled);
  }

  /** Once the answer is in (for a stream: its head); its body, if it streams, is bounded by undici's body timeout. */
  clear(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerGone);
    this.request?.off('cancel', this.onRequestCancelled);
  }

  private readonly expire = (): void => {
    if (this.aborted) return;
    this.timedOut = true;
    this.abort();
  };

  private readonly onCallerGone = (): void => {
    if (this.aborted) return;
    this.cancelled = true;
    this.abort();
  };

  private readonly onRequestCancelled = (): void => {
    if (this.aborted) return;
    this.cancelled = true;
    this.cancelledByRequest = true;
    this.abort();
  };

  private abort(): void {
    this.aborted = true;
    this.emit('abort');
  }
}
