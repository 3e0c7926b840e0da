import { RequestCancellation } from '@bff/service-clients';
import { Composition } from './composition';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number, message: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('Composition', () => {
  it('runs independent parts at once and a dependent part as soon as its inputs are there', async () => {
    const started: string[] = [];
    const user = deferred<string>();
    const orders = deferred<string[]>();
    const flush = () => new Promise((resolve) => setImmediate(resolve));

    const running = Composition.create()
      .required('user', () => (started.push('user'), user.promise))
      .required('orders', () => (started.push('orders'), orders.promise))
      .required('products', ({ orders: list }) => (started.push('products'), Promise.resolve(list.map((o) => `p-${o}`))), ['orders'])
      .run();
    await flush();
    expect(started).toEqual(['user', 'orders']);

    orders.resolve(['o1', 'o2']);
    await flush();
    expect(started).toEqual(['user', 'orders', 'products']);

    user.resolve('ada');
    const { values, degraded } = await running;
    expect(values).toEqual({ user: 'ada', orders: ['o1', 'o2'], products: ['p-o1', 'p-o2'] });
    expect(degraded).toEqual([]);
  });

  it('gives a failed optional part its fallback and names it', async () => {
    const { values, degraded } = await Composition.create()
      .required('user', () => after(5, 'ada'))
      .optional('recommendations', () => failAfter(5, 'recommendation service answered 503'), [] as string[])
      .required('products', ({ recommendations }) => after(1, recommendations.length), ['recommendations'])
      .run();

    expect(values).toEqual({ user: 'ada', recommendations: [], products: 0 });
    expect(degraded).toEqual(['recommendations']);
  });

  it('does not wait past the deadline for an optional part', async () => {
    const t0 = Date.now();
    const { values, degraded } = await Composition.create()
      .required('user', () => after(5, 'ada'))
      .optional('recommendations', () => after(1_000, ['late']), [] as string[])
      .run({ deadlineAt: Date.now() + 100 });

    expect(Date.now() - t0).toBeLessThan(600); // the deadline, not the late part's 1,000 ms
    expect(values.recommendations).toEqual([]);
    expect(degraded).toEqual(['recommendations']);
  });

  it('fails at once when a required part fails, without waiting for the rest', async () => {
    const t0 = Date.now();
    await expect(
      Composition.create()
        .required('user', () => failAfter(10, 'user service answered 500'))
        .optional('recommendations', () => after(500, ['slow']), [] as string[])
        .run(),
    ).rejects.toThrow('user service answered 500');
    expect(Date.now() - t0).toBeLessThan(300); // not the slow part's 500 ms
  });

  it('cancels the request\'s cancellation as soon as a required part fails, so the parts still running are ended', async () => {
    const cancellation = new RequestCancellation();
    let abortedAt: number | undefined;
    // A part as a downstream call is: it ends when the request's cancellation is cancelled.
    const slowCall = (ms: number) =>
      new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => resolve(['late']), ms);
        cancellation.once('cancel', () => {
          abortedAt = Date.now();
          clearTimeout(timer);
          reject(new Error('cancelled'));
        });
      });
    const t0 = Date.now();
    await expect(
      Composition.create()
        .required('user', () => failAfter(10, 'user service answered 500'))
        .required('orders', () => slowCall(1_000))
        .optional('recommendations', () => slowCall(1_000), [] as string[])
        .run({ cancellation }),
    ).rejects.toThrow('user service answered 500');
    expect(cancellation.cancelled).toBe(true);
    expect((abortedAt ?? Infinity) - t0).toBeLessThan(300); // at the failure, not at the slow calls' 1,000 ms
  });

  it('leaves the request\'s calls alone when only optional parts fail, and when it answers', async () => {
    const cancellation = new RequestCancellation();
    const { degraded } = await Composition.create()
      .required('user', () => after(5, 'ada'))
      .optional('recommendations', () => failAfter(1, 'recommendation service answered 503'), [] as string[])
      .run({ cancellation });
    expect(degraded).toEqual(['recommendations']);
    expect(cancellation.cancelled).toBe(false);
  });

  it('names a part that answered with less than it should', async () => {
    const { degraded } = await Composition.create()
      .required('products', (_deps, part) => {
        part.degrade();
        return after(1, ['stale']);
      })
      .run();
    expect(degraded).toEqual(['products']);
  });
});
