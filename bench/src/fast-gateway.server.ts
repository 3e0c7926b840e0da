// The peer of the gateways' pass-through route: fast-gateway (restana + fast-proxy-lite, keep-alive
// agents) proxying GET /api/catalog/* to catalog-service, after the same HS256 check as the raw
// baseline (iss, aud, exp). The benchmark measures web-bff's routed call against it. Not a product:
// no error shape, no limits, no logging, no header or path hygiene.
import gateway from 'fast-gateway';
import { createSecretKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from 'jsonwebtoken';

const env = process.env;
const key = createSecretKey(Buffer.from(env['JWT_SECRET'] ?? '', 'utf8'));

function authenticated(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  try {
    const claims = verify((request.headers.authorization ?? '').slice(7), key, { algorithms: ['HS256'], issuer: env['JWT_ISSUER'], audience: env['JWT_AUDIENCE'] });
    if (typeof claims === 'string' || typeof claims.sub !== 'string') throw new Error('no sub');
  } catch {
    response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"unauthorized"}');
    return;
  }
  next();
}

const server = gateway({
  routes: [{ prefix: '/api/catalog', prefixRewrite: '', target: env['CATALOG_SERVICE_URL'] ?? '', methods: ['GET'], middlewares: [authenticated] }],
});
void server.start(Number(env['PORT'] ?? 0), '127.0.0.1').then((listening) => {
  const { port } = listening.address() as AddressInfo;
  process.stdout.write(`fast-gateway listening on http://127.0.0.1:${port}\n`);
});
// Exits normally on SIGTERM, so that `node --cpu-prof` (BENCH_CPU_PROF) writes its profile.
process.once('SIGTERM', () => process.exit(0));
