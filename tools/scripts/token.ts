// npm run -s token -- <userId> [web|mobile]: prints an access token for a seed user, got from the running
// identity-service (npm start runs it) the way an app gets one: the authorization code flow with PKCE, as
// the development CLI client (bff-dev-cli), signing in on identity-service's page with the development
// password, without a browser. `web` opens web-bff, `mobile` mobile-bff.
import { API_SCOPES, DEFAULT_PORTS, DEV_CLI_REDIRECT_URI, DEVELOPMENT_USER_PASSWORD, OIDC_CLIENT_IDS, OIDC_RESOURCES } from '@bff/config';
import { signInHeadless } from '@bff/headless-sign-in';
import { SEED_USER_COUNT, seedUser } from '@bff/seed-data';
import * as oidc from 'openid-client';

type Audience = keyof typeof OIDC_RESOURCES;

function parseArguments(args: string[]): { n: number; audience: Audience } {
  const [userId = '', audience = 'web'] = args;
  const n = Number(/^u(\d+)$/.exec(userId)?.[1] ?? 0);
  if (n < 1 || n > SEED_USER_COUNT || (audience !== 'web' && audience !== 'mobile')) {
    process.stderr.write(`usage: npm run -s token -- <u1..u${SEED_USER_COUNT}> [web|mobile]   e.g. npm run -s token -- u42\n`);
    process.exit(2);
  }
  return { n, audience };
}

/** The code flow with PKCE: openid-client is the client, @bff/headless-sign-in stands in for the browser. */
async function accessTokenFor(identity: string, n: number, audience: Audience): Promise<string> {
  // Discovery from the URL itself: the issuer (JWT_ISSUER) may name another host than the one reached.
  const server = await oidc.discovery(new URL(`${identity}/.well-known/openid-configuration`), OIDC_CLIENT_IDS.devCli, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(server, {
    redirect_uri: DEV_CLI_REDIRECT_URI,
    scope: ['openid', ...API_SCOPES].join(' '),
    resource: OIDC_RESOURCES[audience].indicator,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await signInHeadless({ authorizationUrl, redirectUri: DEV_CLI_REDIRECT_URI, email: seedUser(n).email, password: DEVELOPMENT_USER_PASSWORD });
  const tokens = await oidc.authorizationCodeGrant(server, callback, { pkceCodeVerifier: verifier, expectedState: state });
  return tokens.access_token;
}

export async function main(args = process.argv.slice(2)): Promise<void> {
  const { n, audience } = parseArguments(args);
  const identity = process.env['IDENTITY_SERVICE_URL'] ?? `http://127.0.0.1:${DEFAULT_PORTS['identity-service']}`;
  try {
    process.stdout.write(`${await accessTokenFor(identity, n, audience)}\n`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`identity-service at ${identity} did not issue a token (${reason}); is it running? (npm start)\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
