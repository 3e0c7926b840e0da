import { AdmissionControl, type AdmissionOptions, type AdmissionTicket, type Refusal } from './admission.control';

const FIXED: AdmissionOptions = { limiter: 'fixed', minConcurrency: 1, maxConcurrency: 2, queueCapacity: 3 };

/** A request of the test: what happened to it. */
function request(deadlineAt: number): AdmissionTicket & { state: 'waiting' | 'admitted' | Refusal } {
  const ticket = {
    deadlineAt,
    state: 'waiting' as 'waiting' | 'admitted' | Refusal,
    admit: () => void (ticket.state = 'admitted'),
    refuse: (reason: Refusal) => void (ticket.state = reason),
  };
  return ticket;
}

describe('AdmissionControl', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('admits up to the limit at once, queues the rest in arrival order, and refuses past the queue', () => {
    const control = new AdmissionControl(FIXED, clock);
    const requests = Array.from({ length: 6 }, () => request(now + 2_000));
    const handles = requests.map((r) => control.enter(r));
    expect(requests.map((r) => r.state)).toEqual(['admitted', 'admitted', 'waiting', 'waiting', 'waiting', 'queue_full']);
    expect([control.inflight, control.queued]).toEqual([2, 3]);
    control.withdraw(handles[3]!);
    control.leave(10);
    control.leave(10);
    // The third came first; the fourth's client left, so the fifth takes the place.
    expect(requests.map((r) => r.state)).toEqual(['admitted', 'admitted', 'admitted', 'waiting', 'admitted', 'queue_full']);
    expect([control.inflight, control.queued]).toEqual([2, 0]);
  });

  it('refuses at once a request whose wait and service would pass its deadline', () => {
    const control = new AdmissionControl(FIXED, clock);
    control.enter(request(now + 2_000));
    control.enter(request(now + 2_000));
    // Requests of 400 ms, two at a time: it learns that it answers one per 200 ms.
    now += 400;
    control.leave(400);
    control.enter(request(now + 2_000));
    now += 400;
    control.leave(400);
    control.enter(request(now + 2_000));
    expect([control.inflight, control.queued, control.answeredPerMs]).toEqual([2, 0, 2 / 400]);
    // First and second in line: 200 and 400 ms of wait, then 400 ms of their own: both fit in 2 s.
    const first = request(now + 2_000);
    const second = request(now + 2_000);
    control.enter(first);
    control.enter(second);
    expect([first.state, second.state]).toEqual(['waiting', 'waiting']);
    // Third in line: 600 ms of wait and 400 of its own do not fit in 500 ms, however much room the queue has.
    const tooLate = request(now + 500);
    control.enter(tooLate);
    expect(tooLate.state).toBe('deadline');
  });

  it('refuses a waiting request once its deadline is too close to answer it', async () => {
    const control = new AdmissionControl(FIXED, clock);
    control.enter(request(now + 2_000));
    control.enter(request(now + 2_000));
    const waiting = request(now + 100);
    control.enter(waiting);
    now += 150;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect([waiting.state, control.queued]).toEqual(['deadline', 0]);
  });

  it('grows a gradient limit from its floor while requests take no longer, and brings it down when they take longer than they used to', () => {
    const control = new AdmissionControl({ limiter: 'gradient', minConcurrency: 4, maxConcurrency: 64, queueCapacity: 1_000 }, clock);
    expect(control.limit).toBe(4);
    const run = (rounds: number, durationMs: (inflight: number) => number) => {
      for (let round = 0; round < rounds; round++) {
        const wanted = control.limit;
        while (control.inflight < wanted) control.enter(request(Number.MAX_SAFE_INTEGER));
        const inflight = control.inflight;
        for (let i = 0; i < inflight; i++) control.leave(durationMs(inflight));
        now += 10;
      }
    };
    // A service that answers in 5 ms whatever the load: the limit climbs to its ceiling.
    run(3_000, () => 5);
    expect(control.limit).toBe(64);
    // Requests that suddenly take longer, the more the longer (a saturated CPU): within three windows it comes down by more than a tenth.
    run(30, (inflight) => inflight * 2);
    expect(control.limit).toBeLessThan(58);
    // However slow they get, never below its floor.
    run(3_000, () => 5_000);
    expect(control.limit).toBeGreaterThanOrEqual(4);
  });
});
