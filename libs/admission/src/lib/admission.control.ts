import { type ConcurrencyLimit, FixedLimit, GradientLimit } from './gradient.limit';

export interface AdmissionOptions {
  /** `gradient`: the limit adapts between `minConcurrency` and `maxConcurrency`; `fixed`: it is `maxConcurrency`. */
  limiter: 'gradient' | 'fixed';
  minConcurrency: number;
  maxConcurrency: number;
  /** Requests that may wait for a place; past it, refused at once. */
  queueCapacity: number;
}

/** Why a request was refused: the queue was full, or its deadline would pass before it could be answered. */
export type Refusal = 'queue_full' | 'deadline';

/** One request asking to be let in. */
export interface AdmissionTicket {
  /** Epoch milliseconds by which it must be answered. */
  readonly deadlineAt: number;
  /** Called once, when it may go on (at once, or later from the queue). */
  admit(): void;
  /** Called once, when it is turned away. */
  refuse(reason: Refusal): void;
}

interface Waiting {
  ticket: AdmissionTicket;
  withdrawn: boolean;
}

/** How often queued requests are checked against their deadlines. */
const SWEEP_MS = 20;
/** The expected time per admitted request follows each one by this share. */
const SERVICE_SMOOTHING = 0.05;
/** Answers per millisecond are counted over windows of this long, and follow each window by this share. */
const RATE_WINDOW_MS = 100;
const RATE_SMOOTHING = 0.3;

/**
 * Admission at the gateway's door: at most `limit` requests in flight (adaptive: see GradientLimit);
 * the others wait in a bounded FIFO queue, unless it is full or the wait it would take (its place
 * in line over the rate at which requests are answered, see `msPerAnswer`) plus the time one takes
 * would pass the request's deadline: then it is refused at once. A waiting request whose deadline comes too close
 * to be answered is refused then, so nothing is answered after its deadline for having waited.
 */
export class AdmissionControl {
  inflight = 0;
  /** The time an admitted request takes to be answered, smoothed (0 until the first one). */
  serviceMs = 0;
  /** Requests answered per millisecond, smoothed (0 until the first window). */
  answeredPerMs = 0;
  private rateWindowStart = 0;
  private rateWindowCount = 0;
  private readonly limiter: ConcurrencyLimit;
  private readonly waiting: Waiting[] = [];
  private head = 0;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: AdmissionOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter =
      options.limiter === 'fixed' ? new FixedLimit(options.maxConcurrency) : new GradientLimit({ min: options.minConcurrency, max: options.maxConcurrency });
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return Math.floor(this.limiter.current);
  }

  /** Requests waiting for a place. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /** Lets the request in (its `admit` at once), queues it, or refuses it (its `refuse` at once). The handle withdraws it from the queue. */
  enter(ticket: AdmissionTicket): Waiting | undefined {
    if (this.inflight < this.limit && this.queued === 0) {
      this.inflight++;
      ticket.admit();
      return undefined;
    }
    if (this.queued >= this.options.queueCapacity) {
      ticket.refuse('queue_full');
      return undefined;
    }
    const wait = (this.queued + 1) * this.msPerAnswer();
    if (this.now() + wait + this.serviceMs > ticket.deadlineAt) {
      ticket.refuse('deadline');
      return undefined;
    }
    const waiting = { ticket, withdrawn: false };
    this.waiting.push(waiting);
    this.sweeper ??= setInterval(this.sweep, SWEEP_MS).unref();
    return waiting;
  }

  /**
   * Milliseconds between answers: measured, once a window of answers has been seen while requests
   * waited; before that, Little's law from the time one request takes and the limit; 0 before any.
   */
  private msPerAnswer(): number {
    if (this.answeredPerMs > 0) return 1 / this.answeredPerMs;
    return this.serviceMs / Math.max(1, this.limit);
  }

  /** A queued request whose client has gone: it takes no place when its turn comes. */
  withdraw(waiting: Waiting): void {
    waiting.withdrawn = true;
  }

  /** An admitted request is answered (or its client has gone): `durationMs` since it was admitted. */
  leave(durationMs: number): void {
    this.inflight--;
    const now = this.now();
    this.serviceMs = this.serviceMs === 0 ? durationMs : this.serviceMs * (1 - SERVICE_SMOOTHING) + durationMs * SERVICE_SMOOTHING;
    this.countAnswer(now);
    this.limiter.sample(durationMs, this.inflight, now);
    this.admitWaiting();
  }

  /** The rate of answers, from windows in which requests were waiting (an idle gateway's rate says nothing of what it can do). */
  private countAnswer(now: number): void {
    if (this.rateWindowCount === 0) this.rateWindowStart = now;
    this.rateWindowCount++;
    const elapsed = now - this.rateWindowStart;
    if (elapsed < RATE_WINDOW_MS) return;
    const rate = this.rateWindowCount / elapsed;
    this.rateWindowCount = 0;
    if (this.queued === 0 && this.answeredPerMs > 0 && rate < this.answeredPerMs) return;
    this.answeredPerMs = this.answeredPerMs === 0 ? rate : this.answeredPerMs * (1 - RATE_SMOOTHING) + rate * RATE_SMOOTHING;
  }

  private admitWaiting(): void {
    while (this.inflight < this.limit && this.queued > 0) {
      const next = this.take();
      if (next.withdrawn) continue;
      if (this.now() + this.serviceMs > next.ticket.deadlineAt) {
        next.ticket.refuse('deadline');
        continue;
      }
      this.inflight++;
      next.ticket.admit();
    }
  }

  /** Refuses, from the head of the line, the requests that could no longer be answered within their deadlines (the oldest first: they are in arrival order). */
  private readonly sweep = (): void => {
    const latest = this.now() + this.serviceMs;
    while (this.queued > 0) {
      const first = this.waiting[this.head];
      if (!first.withdrawn && first.ticket.deadlineAt >= latest) break;
      this.take();
      if (!first.withdrawn) first.ticket.refuse('deadline');
    }
    if (this.queued === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  };

  private take(): Waiting {
    const next = this.waiting[this.head++];
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    return next;
  }
}
