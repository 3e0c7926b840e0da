import { traceContextFrom, traceparentOf } from './trace-context';

describe('trace context', () => {
  it('continues a valid caller trace with a span of its own', () => {
    const context = traceContextFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(context).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: expect.stringMatching(/^[0-9a-f]{16}$/), parentSpanId: '00f067aa0ba902b7', flags: '01' });
    expect(context.spanId).not.toBe('00f067aa0ba902b7');
    expect(traceparentOf(context)).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${context.spanId}-01`);
  });

  it.each([undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'])(
    'starts a new trace for %p',
    (header) => {
      const context = traceContextFrom(header);
      expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(context.parentSpanId).toBeUndefined();
      expect(context.traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    },
  );

  it('never hands out the same id twice, across refills of its random pool', () => {
    const ids = Array.from({ length: 1_000 }, () => traceContextFrom(undefined)).flatMap(({ traceId, spanId }) => [traceId, spanId]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
