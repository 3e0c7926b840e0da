import { diag } from '@opentelemetry/api';
import { OtlpRequestTracer } from './otlp.request-tracer';
import { createRequestTracer, NoopRequestTracer } from './request.tracer';

describe('createRequestTracer', () => {
  it('without an endpoint gives the no-op tracer, which traces nothing', async () => {
    const tracer = await createRequestTracer({ serviceName: 'web-bff' });
    expect(tracer).toBeInstanceOf(NoopRequestTracer);
    expect(tracer.enabled).toBe(false);
    expect(tracer.startCall({ traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`, service: 'user', method: 'GET', path: '/users/u1', attempt: 1 })).toBeUndefined();
    await expect(tracer.shutdown()).resolves.toBeUndefined();
  });

  it('with an endpoint gives the OTLP tracer', async () => {
    const tracer = await createRequestTracer({ serviceName: 'web-bff', otlpEndpoint: 'http://127.0.0.1:1' });
    try {
      expect(tracer).toBeInstanceOf(OtlpRequestTracer);
      expect(tracer.enabled).toBe(true);
    } finally {
      // Nothing was recorded, so nothing is sent to the (closed) port.
      await tracer.shutdown();
    }
  });
});

describe('OTLP export failures', () => {
  it('are reported by their message, without the stack the SDK serializes with them', async () => {
    const failures: string[] = [];
    const tracer = await createRequestTracer({ serviceName: 'web-bff', otlpEndpoint: 'http://127.0.0.1:1', onExportError: (message) => failures.push(message) });
    try {
      // What the SDK's global error handler does with a failed export (the transport itself loads
      // node:http with a dynamic import, which Jest cannot run: the e2e tests send real batches).
      const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      diag.error(JSON.stringify({ stack: error.stack, message: error.message, code: error.code }));
      diag.warn('Dropped 3 spans because maxQueueSize reached');
      expect(failures).toEqual(['connect ECONNREFUSED 127.0.0.1:1', 'Dropped 3 spans because maxQueueSize reached']);
    } finally {
      await tracer.shutdown();
      diag.disable();
    }
  });
});
