// npm run -s token -- <userId> [web|mobile]: prints an access token for a seed user, issued by the running
// identity-service (npm start runs it) with the development password. `web` opens web-bff, `mobile` mobile-bff.
import { DEFAULT_PORTS, DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { SEED_USER_COUNT, seedUser } from '@bff/seed-data';

async function main(): Promise<void> {
  const [userId = '', audience = 'web'] = process.argv.slice(2);
  const n = Number(/^u(\d+)$/.exec(userId)?.[1] ?? 0);
  if (n < 1 || n > SEED_USER_COUNT || !['web', 'mobile'].includes(audience)) {
    process.stderr.write(`usage: npm run -s token -- <u1..u${SEED_USER_COUNT}> [web|mobile]   e.g. npm run -s token -- u42\n`);
    process.exit(2);
  }
  const identity = process.env['IDENTITY_SERVICE_URL'] ?? `http://127.0.0.1:${DEFAULT_PORTS['identity-service']}`;
  const response = await fetch(`${identity}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: seedUser(n).email, password: DEVELOPMENT_USER_PASSWORD, audience }),
  }).catch(() => undefined);
  if (!response?.ok) {
    process.stderr.write(`identity-service at ${identity} did not issue a token (${response?.status ?? 'no answer'}); is it running? (npm start)\n`);
    process.exit(1);
  }
  const { accessToken } = (await response.json()) as { accessToken: string };
  process.stdout.write(`${accessToken}\n`);
}

void main();
