import { launchSystem, type RunningSystem } from '@bff/app-process/launcher';
import { DEVELOPMENT_USER_PASSWORD, GATEWAY_APPS, type GatewayAppName } from '@bff/config';
import { call, expectApiError, type HttpResult } from './support/http.client';
import { committedDocumentFile, jsonDifferences, OpenApiContract, type OperationKey, readCommittedDocument } from './support/openapi.contract';
import { SESSION_COOKIE, WebBrowser } from './support/web.browser';

// The published contracts (docs/openapi/*.json, written by `npm run openapi`): each gateway serves
// exactly the committed document, and every endpoint of both gateways, in every mobile version,
// answers real requests as that document says, on success and on a representative error.

const U42 = { email: 'linus.perlman.42@example.com', password: DEVELOPMENT_USER_PASSWORD };
/** A web-bff origin identity-service registers redirect URIs for by default (nothing listens there in the test). */
const REGISTERED_WEB_BFF = 'http://127.0.0.1:3000';

/**
 * Who makes a call: a bearer token of the gateway's audience (u42), web-bff's cookie session (with its
 * CSRF token), a second session of u42's that the call may end (logout), or nobody.
 */
type Caller = 'token' | 'session' | 'ending-session' | 'anonymous';

interface Exchange {
  /** The concrete path and query; the operation's own path when it has no parameters. */
  path?: string;
  /** @default the operation's one documented 2xx (success) or required (error) */
  status?: number;
  /** @default 'token' */
  as?: Caller;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One endpoint: the operation as the document names it, a successful call and a representative error.
 * A new endpoint needs one line here (and the test below fails until it has one).
 */
interface ContractCase {
  gateway: GatewayAppName;
  operation: OperationKey;
  ok?: Exchange;
  error: Exchange & { status: number };
}

/** One line for a mobile screen in every version: unversioned (v1 for the apps in the field), v1 and v2. */
function everyMobileVersion({ operation, ok, error }: Omit<ContractCase, 'gateway'>): ContractCase[] {
  return ['', '/v1', '/v2'].map((version) => {
    const versioned = (path: string) => path.replace(/^\/api(?=\/)/, `/api${version}`);
    const [method, path = ''] = operation.split(' ');
    return {
      gateway: 'mobile-bff',
      operation: `${method} ${versioned(path)}` as OperationKey,
      ok: ok && { ...ok, ...(ok.path ? { path: versioned(ok.path) } : {}) },
      error: { ...error, ...(error.path ? { path: versioned(error.path) } : {}) },
    };
  });
}

const CONTRACT_CASES: ContractCase[] = [
  // web-bff
  { gateway: 'web-bff', operation: 'GET /api/auth/session', ok: { as: 'session' }, error: { as: 'anonymous', status: 401 } },
  { gateway: 'web-bff', operation: 'POST /api/auth/logout', ok: { as: 'ending-session' }, error: { as: 'session', status: 403, headers: { 'x-csrf-token': 'guessed' } } },
  { gateway: 'web-bff', operation: 'GET /api/profile', ok: { path: '/api/profile?orders=3' }, error: { path: '/api/profile?orders=0', status: 400 } },
  { gateway: 'web-bff', operation: 'PATCH /api/profile', ok: { body: { name: 'Linus P.' } }, error: { status: 400, body: { avatarUrl: 'javascript:alert(1)' } } },
  { gateway: 'web-bff', operation: 'GET /api/home', ok: { as: 'session' }, error: { as: 'anonymous', status: 401 } },
  { gateway: 'web-bff', operation: 'GET /api/orders', ok: { path: '/api/orders?limit=5' }, error: { path: '/api/orders?limit=51', status: 400 } },
  { gateway: 'web-bff', operation: 'GET /api/orders/{id}', ok: { path: '/api/orders/o42-1' }, error: { path: '/api/orders/o7-1', status: 404 } },
  {
    gateway: 'web-bff',
    operation: 'POST /api/orders',
    ok: { body: { items: [{ productId: 'p3', quantity: 1 }] }, headers: { 'idempotency-key': 'contract-order-1' } },
    error: { status: 422, body: { items: [{ productId: 'p999', quantity: 1 }] } },
  },
  { gateway: 'web-bff', operation: 'GET /api/products', ok: { path: '/api/products?q=kettle&limit=3' }, error: { path: '/api/products?limit=0', status: 400 } },
  { gateway: 'web-bff', operation: 'GET /api/products/{id}', ok: { path: '/api/products/p3' }, error: { path: '/api/products/p999', status: 404 } },
  { gateway: 'web-bff', operation: 'GET /api/catalog/{path}', ok: { path: '/api/catalog/products?ids=p3' }, error: { path: '/api/catalog/products', as: 'anonymous', status: 401 } },
  // mobile-bff
  ...everyMobileVersion({ operation: 'GET /api/profile', error: { as: 'anonymous', status: 401 } }),
  ...everyMobileVersion({ operation: 'GET /api/home', error: { as: 'anonymous', status: 401 } }),
  ...everyMobileVersion({ operation: 'GET /api/orders', ok: { path: '/api/orders?limit=3' }, error: { path: '/api/orders?limit=21', status: 400 } }),
  ...everyMobileVersion({ operation: 'GET /api/orders/{id}', ok: { path: '/api/orders/o42-1' }, error: { path: '/api/orders/o42-999', status: 404 } }),
  ...everyMobileVersion({ operation: 'GET /api/products', ok: { path: '/api/products?q=kettle' }, error: { path: `/api/products?q=${'x'.repeat(101)}`, status: 400 } }),
  ...everyMobileVersion({ operation: 'GET /api/products/{id}', ok: { path: '/api/products/p3' }, error: { path: '/api/products/p999', status: 404 } }),
  { gateway: 'mobile-bff', operation: 'GET /api/catalog/{path}', ok: { path: '/api/catalog/products?ids=p1,p3' }, error: { path: '/api/catalog/products', as: 'anonymous', status: 401 } },
];

describe('published contracts', () => {
  let system: RunningSystem;
  const contracts = new Map<GatewayAppName, OpenApiContract>(GATEWAY_APPS.map((app) => [app, new OpenApiContract(app, readCommittedDocument(app).document)]));
  const contract = (app: GatewayAppName) => contracts.get(app) as OpenApiContract;
  const tokens = new Map<GatewayAppName, string>();
  const sessions: Record<'session' | 'ending-session', { cookie: string; csrfToken: string }> = {
    session: { cookie: '', csrfToken: '' },
    'ending-session': { cookie: '', csrfToken: '' },
  };

  beforeAll(async () => {
    // Many calls from one user: the rate limit (tested on its own) is raised out of the way.
    system = await launchSystem({
      // web-bff signs in with a redirect URI identity-service registers by default; the test brings the callback to its real port.
      gatewayEnv: { NODE_ENV: 'test', THROTTLE_BURST_LIMIT: '10000', THROTTLE_LIMIT: '100000', OIDC_REDIRECT_URI: `${REGISTERED_WEB_BFF}/api/auth/callback` },
    });
    for (const [app, audience] of [['web-bff', 'web'], ['mobile-bff', 'mobile']] as const) {
      const issued = await call<{ accessToken: string }>(`${system.identity.url}/auth/token`, { method: 'POST', body: { ...U42, audience } });
      if (issued.status !== 200) throw new Error(`identity-service issued no ${audience} token: ${issued.status}`);
      tokens.set(app, issued.body.accessToken);
    }
    for (const caller of ['session', 'ending-session'] as const) {
      const web = system.gateway('web-bff').url;
      const browser = new WebBrowser();
      const start = await browser.startSignIn(web);
      const callback = await browser.atProvider(start.location as URL, REGISTERED_WEB_BFF);
      await browser.callback(new URL(`${web}${callback.pathname}${callback.search}`));
      const view = await browser.api<{ csrfToken: string }>(web, '/api/auth/session');
      if (view.status !== 200) throw new Error(`web-bff sign-in failed: ${view.status}`);
      sessions[caller] = { cookie: `${SESSION_COOKIE}=${browser.cookie(web, SESSION_COOKIE) ?? ''}`, csrfToken: view.body.csrfToken };
    }
  }, 90_000);
  afterAll(() => system?.stop());

  /** Like `call`, but a 304's empty body is no JSON to parse. */
  async function send(app: GatewayAppName, operation: OperationKey, exchange: Exchange): Promise<HttpResult> {
    const [method, template = ''] = operation.split(' ');
    const caller = exchange.as ?? 'token';
    const headers: Record<string, string> = {
      ...(caller === 'token' ? { authorization: `Bearer ${tokens.get(app) ?? ''}` } : {}),
      ...(caller === 'session' || caller === 'ending-session' ? { cookie: sessions[caller].cookie, 'x-csrf-token': sessions[caller].csrfToken } : {}),
      ...(exchange.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...exchange.headers,
    };
    const started = performance.now();
    const response = await fetch(`${system.gateway(app).url}${exchange.path ?? template}`, {
      method,
      headers,
      body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
    });
    const text = await response.text();
    const isJson = text !== '' && response.headers.get('content-type')?.startsWith('application/json');
    return { status: response.status, headers: response.headers, body: isJson ? (JSON.parse(text) as unknown) : text, text, durationMs: performance.now() - started };
  }

  /** Fails with every way the answer breaks the document, and what was sent. */
  function expectDocumented(app: GatewayAppName, operation: OperationKey, exchange: Exchange, result: HttpResult, status: number): void {
    const where = `${app} ${operation} (${exchange.path ?? 'as documented'}, as ${exchange.as ?? 'token'})`;
    const problems = [...(result.status === status ? [] : [`expected ${status}, answered ${result.status}: ${result.text.slice(0, 300)}`]), ...contract(app).problems(operation, result)];
    if (problems.length > 0) throw new Error(`${where} breaks ${committedDocumentFile(app)}:\n  ${problems.join('\n  ')}`);
  }

  describe('the documents', () => {
    it.each(GATEWAY_APPS)('%s serves at /docs-json exactly what is committed in docs/openapi', async (app) => {
      const served = await call(`${system.gateway(app).url}/docs-json`);
      expect(served.status).toBe(200);
      const { text, document } = readCommittedDocument(app);
      if (text !== `${JSON.stringify(served.body, null, 2)}\n`) {
        const differences = jsonDifferences(document, served.body);
        throw new Error(
          `${committedDocumentFile(app)} is not what ${app} serves at /docs-json: run \`npm run openapi\` and commit the documents.\n` +
            `committed -> served:\n  ${differences.length > 0 ? differences.join('\n  ') : '(same content, different formatting)'}`,
        );
      }
    });

    it.each(GATEWAY_APPS)('%s serves Swagger UI at /docs and the JSON without a token, outside /api and its rate limit', async (app) => {
      const url = system.gateway(app).url;
      const page = await call(`${url}/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toContain('swagger-ui');
      const script = await call(`${url}/docs/swagger-ui-init.js`);
      expect(script.status).toBe(200);
      expect(script.text).toContain('/api/profile');
      const json = await call(`${url}/docs-json`);
      expect(json.status).toBe(200);
      expect(json.headers.get('x-ratelimit-limit')).toBeNull();
      expect((await call(`${url}/api/profile`, { token: tokens.get(app) })).headers.get('x-ratelimit-limit')).not.toBeNull();
    });

    it('has a case below for every operation of both documents', () => {
      const covered = new Set(CONTRACT_CASES.map(({ gateway, operation }) => `${gateway} ${operation}`));
      const missing = GATEWAY_APPS.flatMap((app) => contract(app).operations().map((operation) => `${app} ${operation}`)).filter((operation) => !covered.has(operation));
      expect(missing).toEqual([]);
    });
  });

  describe.each(GATEWAY_APPS)('%s answers as its document says', (app) => {
    const cases = CONTRACT_CASES.filter((entry) => entry.gateway === app);

    it.each(cases.map((entry) => [entry.operation, entry] as const))('%s', async (_name, { operation, ok = {}, error }) => {
      for (const exchange of [ok, error]) {
        if (!contract(app).matches(operation, exchange.path ?? operation.split(' ')[1] ?? '')) throw new Error(`${exchange.path} is not a path of ${operation}`);
      }
      const success = await send(app, operation, ok);
      expectDocumented(app, operation, ok, success, ok.status ?? contract(app).successStatus(operation));

      // Where the document promises conditional GETs, the ETag of that answer gets a 304.
      const etag = success.headers.get('etag');
      if (contract(app).operation(operation).responses['304'] && etag) {
        const exchange = { ...ok, headers: { ...ok.headers, 'if-none-match': etag } };
        expectDocumented(app, operation, exchange, await send(app, operation, exchange), 304);
      }

      const failure = await send(app, operation, error);
      expectDocumented(app, operation, error, failure, error.status);
      expectApiError(failure, error.status);
    });
  });
});
