import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { faults } from './support/fault.admin';
import { call } from './support/http.client';

/** OTLP/JSON (what @opentelemetry/exporter-trace-otlp-http sends): the parts these tests read. */
type OtlpValue = { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
type OtlpAttributes = Array<{ key: string; value: OtlpValue }>;
interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttributes };
    scopeSpans?: Array<{
      spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttributes; status?: { code?: number } }>;
    }>;
  }>;
}

interface CollectedSpan {
  service: unknown;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'server' | 'client' | number;
  attributes: Record<string, string | number | boolean | undefined>;
  /** OTLP status codes: 0 unset, 1 ok, 2 error. */
  statusCode: number;
}

const SPAN_KINDS: Record<number, CollectedSpan['kind']> = { 2: 'server', 3: 'client' };

function valueOf(value: OtlpValue): string | number | boolean | undefined {
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

const attributesOf = (attributes: OtlpAttributes = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

/** A stand-in OpenTelemetry collector on loopback: takes OTLP/HTTP JSON on POST /v1/traces and keeps the spans. */
class FakeCollector {
  readonly spans: CollectedSpan[] = [];
  readonly requests: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({ method: request.method, url: request.url, headers: request.headers });
        if (request.method !== 'POST' || request.url !== '/v1/traces' || !request.headers['content-type']?.startsWith('application/json')) {
          response.writeHead(415).end();
          return;
        }
        const raw = Buffer.concat(chunks);
        const body = JSON.parse((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString()) as OtlpExport;
        for (const { resource, scopeSpans = [] } of body.resourceSpans ?? []) {
          const service = attributesOf(resource?.attributes)['service.name'];
          for (const span of scopeSpans.flatMap((scope) => scope.spans ?? [])) {
            this.spans.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              kind: SPAN_KINDS[span.kind] ?? span.kind,
              attributes: attributesOf(span.attributes),
              statusCode: span.status?.code ?? 0,
            });
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  inTrace(traceId: string): CollectedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  /** The spans of a trace, once `done` says they are all there (the exporter sends in batches). */
  async waitFor(traceId: string, done: (spans: CollectedSpan[]) => boolean, timeoutMs = 5_000): Promise<CollectedSpan[]> {
    const until = Date.now() + timeoutMs;
    while (!done(this.inTrace(traceId))) {
      if (Date.now() > until) throw new Error(`the collector has ${JSON.stringify(this.inTrace(traceId), null, 1)} for trace ${traceId}`);
      await sleep(50);
    }
    return this.inTrace(traceId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hex = (length: number) => Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const CALLER_SPAN = '00f067aa0ba902b7';
/**
 * Preloaded with `--require`: on SIGUSR2 the process prints how many modules it has loaded and which
 * OpenTelemetry packages among them. `@opentelemetry/api` does not count: prom-client brings it, and
 * on its own it is the no-op API, not the SDK.
 */
const LOADED_SDK_PROBE = `process.on('SIGUSR2', () => {
  const files = Object.keys(require.cache);
  const sdk = [...new Set(files.map((file) => file.split('/node_modules/@opentelemetry/')[1]?.split('/')[0]).filter((name) => name && name !== 'api'))];
  process.stdout.write('probe: ' + JSON.stringify({ modules: files.length, sdk }) + '\\n');
});
`;
const servers = (spans: CollectedSpan[]) => spans.filter((span) => span.kind === 'server');
const clients = (spans: CollectedSpan[]) => spans.filter((span) => span.kind === 'client');

describe('trace export (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let collector: FakeCollector;
  let system: RunningSystem;
  let web: RunningApp;
  const token = signTestToken('u42');

  beforeAll(async () => {
    collector = await new FakeCollector().start();
    system = await launchSystem({
      auth: 'development-secret',
      gateways: ['web-bff'],
      // A short batch delay, so that spans arrive within the test rather than every 5 s.
      gatewayEnv: { NODE_ENV: 'test', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    web = system.gateway('web-bff');
  });
  afterAll(async () => {
    await system?.stop();
    await collector?.stop();
  });
  afterEach(() => faults.clear(...Object.values(system.services)));

  it('exports the request as a SERVER span under the caller’s span, and each service call as a CLIENT span under it', async () => {
    const traceId = hex(32);
    const result = await call(`${web.url}/api/profile`, { token, headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } });
    expect(result.status).toBe(200);
    const userCall = (await faults.lastRequest(system.services['user-service'])).headers['traceparent'];

    const spans = await collector.waitFor(traceId, (all) => servers(all).length === 1 && clients(all).length >= 3);
    const [server] = servers(spans);
    expect(server).toEqual({
      service: 'web-bff',
      traceId,
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      parentSpanId: CALLER_SPAN,
      name: 'GET /api/profile',
      kind: 'server',
      attributes: {
        'http.request.method': 'GET',
        'http.route': '/api/profile',
        'http.response.status_code': 200,
        'bff.request_id': result.headers.get('x-request-id'),
        'enduser.id': 'u42',
      },
      statusCode: 0,
    });

    const calls = clients(spans);
    expect(calls.map((span) => span.attributes['peer.service']).sort()).toEqual(['catalog', 'order', 'user']);
    for (const span of calls) {
      expect(span).toEqual(
        expect.objectContaining({ service: 'web-bff', parentSpanId: server?.spanId, name: `GET ${span.attributes['peer.service']}`, statusCode: 0 }),
      );
      expect(span.attributes).toEqual(
        expect.objectContaining({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'bff.outcome': 'ok', 'bff.attempt': 1 }),
      );
      expect(span.attributes['url.path']).toMatch(/^\/[^?]*$/);
    }
    // The service is told that the CLIENT span is its parent: its own spans join the same tree.
    const userSpan = calls.find((span) => span.attributes['peer.service'] === 'user');
    expect(userSpan?.attributes['url.path']).toBe('/users/u42');
    expect(userCall).toBe(`00-${traceId}-${userSpan?.spanId}-01`);
  });

  it('starts the trace itself when the caller sent none: the SERVER span is the root', async () => {
    const result = await call(`${web.url}/api/profile`, { token });
    const traceId = /^00-([0-9a-f]{32})-/.exec((await faults.lastRequest(system.services['user-service'])).headers['traceparent'] ?? '')?.[1] ?? '';

    const spans = await collector.waitFor(traceId, (all) => servers(all).length === 1);
    expect(servers(spans)[0]).toEqual(
      expect.objectContaining({ parentSpanId: undefined, name: 'GET /api/profile', attributes: expect.objectContaining({ 'bff.request_id': result.headers.get('x-request-id') }) }),
    );
  });

  it('names the degraded parts, and records each retry of a failing service as a failed CLIENT span of its own', async () => {
    await faults.set(system.services['recommendation-service'], { status: 503 });
    const traceId = hex(32);
    const result = await call(`${web.url}/api/home`, { token, headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } });
    expect([result.status, result.headers.get('x-degraded')]).toEqual([200, 'recommendations']);

    const recommendations = (all: CollectedSpan[]) => clients(all).filter((span) => span.attributes['peer.service'] === 'recommendation');
    const spans = await collector.waitFor(traceId, (all) => servers(all).length === 1 && recommendations(all).length === 3);
    const [server] = servers(spans);
    expect(server?.attributes['bff.degraded']).toBe('recommendations');
    expect(server?.statusCode).toBe(0);
    expect(recommendations(spans).map((span) => [span.attributes['bff.attempt'], span.attributes['bff.outcome'], span.attributes['http.response.status_code'], span.statusCode, span.parentSpanId]).sort()).toEqual([
      [1, '5xx', 503, 2, server?.spanId],
      [2, '5xx', 503, 2, server?.spanId],
      [3, '5xx', 503, 2, server?.spanId],
    ]);
  });

  it('marks a request the gateway could not answer as an error', async () => {
    await faults.set(system.services['user-service'], { status: 500, times: 1 });
    const traceId = hex(32);
    const result = await call(`${web.url}/api/profile`, { token, headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } });
    expect(result.status).toBeGreaterThanOrEqual(500);

    const spans = await collector.waitFor(traceId, (all) => servers(all).length === 1);
    expect(servers(spans)[0]).toEqual(
      expect.objectContaining({ statusCode: 2, attributes: expect.objectContaining({ 'http.response.status_code': result.status, 'error.type': String(result.status) }) }),
    );
    expect(clients(spans).find((span) => span.attributes['peer.service'] === 'user')).toEqual(
      expect.objectContaining({ statusCode: 2, attributes: expect.objectContaining({ 'bff.outcome': '5xx', 'http.response.status_code': 500 }) }),
    );
  });

  it('records nothing of a trace the caller did not sample, and passes that decision on', async () => {
    const traceId = hex(32);
    const sampledOut = await call(`${web.url}/api/profile`, { token, headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-00` } });
    expect(sampledOut.status).toBe(200);
    expect((await faults.lastRequest(system.services['user-service'])).headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));

    // A sampled request after it is exported: by then the first one would have been too.
    const marker = hex(32);
    await call(`${web.url}/api/profile`, { token, headers: { traceparent: `00-${marker}-${CALLER_SPAN}-01` } });
    await collector.waitFor(marker, (all) => servers(all).length === 1);
    expect(collector.inTrace(traceId)).toEqual([]);
  });

  it('exports the spans still buffered when the gateway is stopped', async () => {
    const draining = await launchApp('web-bff', {
      // A batch delay far longer than the test: only the shutdown can send these spans.
      env: { ...system.gatewayEnv, NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '600000' },
    });
    const traceId = hex(32);
    expect((await call(`${draining.url}/api/profile`, { token, headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } })).status).toBe(200);
    await sleep(200);
    expect(collector.inTrace(traceId)).toEqual([]);

    expect(await draining.stop('SIGTERM')).toBe(0);
    expect(servers(collector.inTrace(traceId))).toHaveLength(1);
    expect(clients(collector.inTrace(traceId)).length).toBeGreaterThanOrEqual(2);
  });

  describe('without the variable', () => {
    let quiet: FakeCollector;
    let untraced: RunningApp;
    let probeDir: string;

    beforeAll(async () => {
      quiet = await new FakeCollector().start();
      probeDir = mkdtempSync(join(tmpdir(), 'bff-otel-probe-'));
      const probe = join(probeDir, 'probe.cjs');
      writeFileSync(probe, LOADED_SDK_PROBE);
      // system.gatewayEnv is what the system's gateways get besides gatewayEnv: OTEL_EXPORTER_OTLP_ENDPOINT is not in it.
      untraced = await launchApp('web-bff', {
        env: {
          ...system.gatewayEnv,
          NODE_ENV: 'test',
          PORT: '0',
          // The SDK's own variables point at a collector: an SDK loaded by mistake would send there.
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${quiet.url}/v1/traces`,
          OTEL_BSP_SCHEDULE_DELAY: '100',
        },
        nodeArgs: ['--require', probe],
      });
    });
    afterAll(async () => {
      await untraced?.stop();
      await quiet?.stop();
      if (probeDir) rmSync(probeDir, { recursive: true, force: true });
    });

    it('loads no tracing SDK, exports nothing, and still passes the trace on to the services', async () => {
      const traceId = hex(32);
      const result = await call(`${untraced.url}/api/profile`, { token, headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } });
      expect(result.status).toBe(200);
      expect((await faults.lastRequest(system.services['user-service'])).headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

      await sleep(1_000);
      expect(quiet.requests).toEqual([]);

      untraced.process.kill('SIGUSR2');
      const until = Date.now() + 2_000;
      while (!untraced.output().includes('probe: ') && Date.now() < until) await sleep(20);
      const report = JSON.parse(/probe: (.*)/.exec(untraced.output())?.[1] ?? '{}') as { modules?: number; sdk?: string[] };
      expect(report.modules).toBeGreaterThan(100);
      expect(report.sdk).toEqual([]);
    });
  });
});
