import { EventEmitter } from 'node:events';
import type { DownstreamCallContext } from './downstream-call.context';

/** Milliseconds before the request's deadline; unbounded without one. */
export function timeLeft(context: DownstreamCallContext | undefined): number {
  const deadlineAt = context?.deadlineAt;
  return deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - Date.now();
}

/**
 * One attempt's timeout, as undici's request signal (which may be an EventEmitter): one timer per
 * attempt, cleared once the answer is in. It also ends the attempt when `cancel` aborts (the
 * client has gone), and says which of the two it was. AbortSignal.timeout and AbortSignal.any cost
 * more per call (an EventTarget, a weakly held timer and a finalization registry entry; measured
 * in the README's performance section).
 */
export class CallDeadline extends EventEmitter {
  aborted = false;
  /** The attempt's own time ran out: the service was too slow. */
  timedOut = false;
  /** The caller gave up (`cancel` aborted): nobody waits for the answer, nor for an error. */
  cancelled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly timeoutMs: number,
    private readonly cancel?: AbortSignal,
  ) {
    super();
    this.timer = setTimeout(this.expire, timeoutMs);
    if (cancel?.aborted) this.onCancel();
    else cancel?.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Once the answer is in (for a stream: its head); its body, if it streams, is bounded by undici's body timeout. */
  clear(): void {
    clearTimeout(this.timer);
    this.cancel?.removeEventListener('abort', this.onCancel);
  }

  private readonly expire = (): void => {
    this.timedOut = true;
    this.abort();
  };

  private readonly onCancel = (): void => {
    this.cancelled = true;
    this.abort();
  };

  private abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}
