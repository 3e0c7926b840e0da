import { RETRY_BUDGET_DEFAULTS, type RetryBudgetOptions } from './service-clients.options';

/** The window is counted in this many slots: it slides a tenth of itself at a time. */
const SLOTS = 10;

/**
 * One service's retry budget (Envoy's `retry_budget`, Finagle's RetryBudget): a sliding window of
 * the calls made to it and the retries sent; a retry is allowed while the retries in the window stay
 * under `percent` % of its calls, or under `minRetries`, whichever is more. So N calls to a service
 * that fails every one reach it at most N x (1 + percent / 100) + minRetries times per window.
 */
export class RetryBudget {
  private readonly slotMs: number;
  private readonly share: number;
  /** Per slot: which slot of time it counts (`floor(now / slotMs)`), its calls and its retries. */
  private readonly periods = new Array<number>(SLOTS).fill(-1);
  private readonly calls = new Array<number>(SLOTS).fill(0);
  private readonly retries = new Array<number>(SLOTS).fill(0);

  constructor(
    private readonly options: RetryBudgetOptions = RETRY_BUDGET_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {
    this.slotMs = Math.max(1, options.windowMs / SLOTS);
    this.share = options.percent / 100;
  }

  /** A call's first attempt: it adds its share to what may be retried. */
  recordCall(): void {
    this.calls[this.slot()]++;
  }

  /** Takes one retry from the budget if there is one; false: the retry is not to be made. */
  tryRetry(): boolean {
    if (this.remaining() < 1) return false;
    this.retries[this.slot()]++;
    return true;
  }

  /** Retries the budget allows now (whole ones). */
  remaining(): number {
    const current = this.slot();
    const period = this.periods[current];
    let calls = 0;
    let retries = 0;
    for (let i = 0; i < SLOTS; i++) {
      // A slot of an earlier lap is outside the window.
      if (this.periods[i] > period - SLOTS) {
        calls += this.calls[i];
        retries += this.retries[i];
      }
    }
    return Math.max(0, Math.floor(Math.max(this.options.minRetries, calls * this.share) - retries));
  }

  /** The slot of now, emptied first if it last counted an earlier lap of the window. */
  private slot(): number {
    const period = Math.floor(this.now() / this.slotMs);
    const index = period % SLOTS;
    if (this.periods[index] !== period) {
      this.periods[index] = period;
      this.calls[index] = 0;
      this.retries[index] = 0;
    }
    return index;
  }
}
