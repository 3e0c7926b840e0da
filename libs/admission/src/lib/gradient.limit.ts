/** How a concurrency limit moves with what it measures. */
export interface ConcurrencyLimit {
  /** Requests allowed in flight now. */
  readonly current: number;
  /** One finished request: how long it took from admission, and how many were in flight when it finished. */
  sample(durationMs: number, inflight: number, now: number): void;
}

/** The limit does not move: `fixed` (ADMISSION_LIMITER=fixed). */
export class FixedLimit implements ConcurrencyLimit {
  constructor(readonly current: number) {}

  sample(): void {
    // A fixed limit learns nothing.
  }
}

export interface GradientLimitOptions {
  /** The limit never falls below this: the concurrency the gateway serves without queueing. */
  min: number;
  /** ... nor rises above this. */
  max: number;
}

/** Samples are read in windows of at least this long and this many samples. */
const WINDOW_MS = 100;
const WINDOW_SAMPLES = 10;
/** The long-term time per request follows each window's by this share (about the last 40 windows). */
const LONG_SMOOTHING = 0.05;
/** How much slower than the long-term time a window may be before the limit comes down. */
const TOLERANCE = 1.5;
/** The new limit counts for this share of the next one. */
const SMOOTHING = 0.2;

/**
 * An adaptive concurrency limit in the manner of Netflix concurrency-limits' Gradient2 (and Envoy's
 * adaptive_concurrency filter): per window of samples, the ratio of the long-term time per request
 * to the window's (the gradient, at most 1, at least 0.5) scales the limit down when requests take
 * longer than they used to, that is when they queue for the gateway's CPU or a service; a headroom
 * of the limit's square root lets it grow again while they do not. It only grows while requests
 * use at least half of it (an idle gateway learns nothing about its capacity).
 */
export class GradientLimit implements ConcurrencyLimit {
  current: number;
  private longMs = 0;
  private windowStart = 0;
  private windowSum = 0;
  private windowCount = 0;
  private windowMaxInflight = 0;

  constructor(private readonly options: GradientLimitOptions) {
    this.current = options.min;
  }

  sample(durationMs: number, inflight: number, now: number): void {
    if (this.windowCount === 0) this.windowStart = now;
    this.windowSum += durationMs;
    this.windowCount++;
    if (inflight > this.windowMaxInflight) this.windowMaxInflight = inflight;
    if (this.windowCount < WINDOW_SAMPLES || now - this.windowStart < WINDOW_MS) return;
    const shortMs = Math.max(0.001, this.windowSum / this.windowCount);
    const busy = this.windowMaxInflight + 1 >= this.current / 2;
    this.windowSum = 0;
    this.windowCount = 0;
    this.windowMaxInflight = 0;
    this.update(shortMs, busy);
  }

  private update(shortMs: number, busy: boolean): void {
    this.longMs = this.longMs === 0 ? shortMs : this.longMs * (1 - LONG_SMOOTHING) + shortMs * LONG_SMOOTHING;
    // After a slow spell the long-term time stays high for a while: let it come down faster.
    if (this.longMs / shortMs > 2) this.longMs *= 0.95;
    if (!busy) return;
    const gradient = Math.min(1, Math.max(0.5, (TOLERANCE * this.longMs) / shortMs));
    const next = this.current * gradient + Math.sqrt(this.current);
    const smoothed = this.current * (1 - SMOOTHING) + next * SMOOTHING;
    this.current = Math.min(this.options.max, Math.max(this.options.min, smoothed));
  }
}
