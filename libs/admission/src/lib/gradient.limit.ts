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
/**
 * The reference time per request is the fastest window's, rising by this share per window while no
 * window is as fast (so that a lasting change in the services, or a first figure taken under load,
 * is learned within about a minute: 2.2x in 400 windows).
 */
const REFERENCE_RISE = 0.002;
/** How much slower than the reference a window may be before the limit comes down. */
const TOLERANCE = 1.5;
/** The new limit counts for this share of the next one. */
const SMOOTHING = 0.2;

/**
 * An adaptive concurrency limit in the manner of Envoy's adaptive_concurrency filter and Netflix
 * concurrency-limits' gradient limiters: per window of samples, the ratio of the reference time per
 * request (the fastest window's, slowly rising) to the window's (the gradient, x 1.5 tolerance, at
 * most 1, at least 0.5) scales the limit down when requests take longer than they do unloaded, that
 * is when they queue for the gateway's CPU or a service; a headroom of the limit's square root lets
 * it grow while they do not. So under a load the gateway cannot serve the limit settles near the
 * concurrency at which requests start to queue, rather than drifting up with a long-term average
 * that follows the queueing (Gradient2's drift). It only grows while requests use at least half of
 * it (an idle gateway learns nothing about its capacity).
 */
export class GradientLimit implements ConcurrencyLimit {
  current: number;
  private referenceMs = 0;
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
    this.referenceMs = this.referenceMs === 0 ? shortMs : Math.min(shortMs, this.referenceMs * (1 + REFERENCE_RISE));
    if (!busy) return;
    const gradient = Math.min(1, Math.max(0.5, (TOLERANCE * this.referenceMs) / shortMs));
    const next = this.current * gradient + Math.sqrt(this.current);
    const smoothed = this.current * (1 - SMOOTHING) + next * SMOOTHING;
    this.current = Math.min(this.options.max, Math.max(this.options.min, smoothed));
  }
}
