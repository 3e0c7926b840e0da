import {
  API_SCOPES,
  DEV_CLI_REDIRECT_URI,
  DEVELOPMENT_USER_PASSWORD,
  DEVELOPMENT_WEB_BFF_CLIENT_SECRET,
  OIDC_CLIENT_IDS,
} from '@bff/config';
import { createPkcePair, HeadlessUserAgent, type PkcePair, signInHeadless } from '@bff/headless-sign-in';
import { decode, type JwtPayload, verify } from 'jsonwebtoken';
import { createPublicKey, randomBytes } from 'node:crypto';

/** The seed user most tests sign in as. */
export const U42 = { email: 'linus.perlman.42@example.com', password: DEVELOPMENT_USER_PASSWORD, sub: 'u42' };

/** The members of identity-service's discovery document the tests use. */
export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
  introspection_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
  [member: string]: unknown;
}

/** An OAuth client as a test plays it. */
export interface TestClient {
  clientId: string;
  redirectUri: string;
  /** Set for a confidential client, which authenticates with client_secret_basic. */
  secret?: string;
}

export const webBffClient = (redirectUri: string, secret = DEVELOPMENT_WEB_BFF_CLIENT_SECRET): TestClient => ({ clientId: OIDC_CLIENT_IDS.webBff, redirectUri, secret });
export const MOBILE_APP: TestClient = { clientId: OIDC_CLIENT_IDS.mobileApp, redirectUri: 'com.example.bff:/oauth/callback' };
export const DEV_CLI: TestClient = { clientId: OIDC_CLIENT_IDS.devCli, redirectUri: DEV_CLI_REDIRECT_URI };

/** The scope web-bff asks for (see identity-service's README). */
export const WEB_SCOPE = ['openid', 'email', 'profile', ...API_SCOPES].join(' ');

export async function discover(identityUrl: string): Promise<Discovery> {
  const response = await fetch(`${identityUrl}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  return (await response.json()) as Discovery;
}

export interface AuthorizationParams {
  scope?: string;
  state?: string;
  nonce?: string;
  resource?: string;
  /** The PKCE challenge to send; `undefined` sends none. @default a fresh S256 pair */
  pkce?: { challenge: string; method: string } | undefined;
  extra?: Record<string, string>;
}

/** The authorization request URL a client sends the browser to. */
export function authorizationUrl(discovery: Discovery, client: TestClient, params: AuthorizationParams): URL {
  const url = new URL(discovery.authorization_endpoint);
  const query: Record<string, string | undefined> = {
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: params.scope ?? WEB_SCOPE,
    state: params.state,
    nonce: params.nonce,
    resource: params.resource,
    code_challenge: params.pkce?.challenge,
    code_challenge_method: params.pkce?.method,
    ...params.extra,
  };
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** A token endpoint answer: the tokens, or OAuth's `{error, error_description}`. */
export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: {
    access_token?: string;
    refresh_token?: string;
    id_token?: string;
    token_type?: string;
    expires_in?: number;
    scope?: string;
    error?: string;
    error_description?: string;
    active?: boolean;
    [member: string]: unknown;
  };
}

/** A form POST to one of the provider's endpoints, authenticated as the client (client_secret_basic, RFC 6749 §2.3.1). */
export async function clientPost(url: string, client: TestClient, form: Record<string, string>): Promise<TokenAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const fields = { ...form };
  if (client.secret === undefined) fields['client_id'] = client.clientId;
  else headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
  const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as TokenAnswer['body']) };
}

export const exchangeCode = (discovery: Discovery, client: TestClient, code: string, verifier: string | undefined) =>
  clientPost(discovery.token_endpoint, client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    ...(verifier === undefined ? {} : { code_verifier: verifier }),
  });

export const refresh = (discovery: Discovery, client: TestClient, refreshToken: string) =>
  clientPost(discovery.token_endpoint, client, { grant_type: 'refresh_token', refresh_token: refreshToken });

export const revoke = (discovery: Discovery, client: TestClient, token: string) =>
  clientPost(discovery.revocation_endpoint, client, { token, token_type_hint: 'refresh_token' });

export const introspect = (discovery: Discovery, client: TestClient, token: string) =>
  clientPost(discovery.introspection_endpoint, client, { token });

/** Everything one run of the code flow leaves the test to look at. */
export interface CodeFlowRun {
  /** The URL the browser was sent back to (`code`, `state`, `iss`, or `error`). */
  callback: URL;
  pkce: PkcePair;
  state: string;
  nonce: string;
  /** The browser stand-in, with its session cookie at the provider. */
  userAgent: HeadlessUserAgent;
}

/** The browser's part: authorization request, sign-in page, redirects back; the code is not exchanged. */
export async function authorize(
  discovery: Discovery,
  client: TestClient,
  options: { user?: { email: string; password: string }; userAgent?: HeadlessUserAgent; params?: Omit<AuthorizationParams, 'state' | 'nonce' | 'pkce'> } = {},
): Promise<CodeFlowRun> {
  const pkce = createPkcePair();
  const state = randomBytes(12).toString('base64url');
  const nonce = randomBytes(12).toString('base64url');
  const userAgent = options.userAgent ?? new HeadlessUserAgent();
  const user = options.user ?? U42;
  const callback = await signInHeadless({
    authorizationUrl: authorizationUrl(discovery, client, { ...options.params, state, nonce, pkce: { challenge: pkce.challenge, method: pkce.method } }),
    redirectUri: client.redirectUri,
    email: user.email,
    password: user.password,
    userAgent,
  });
  return { callback, pkce, state, nonce, userAgent };
}

/** The whole code flow: authorize, then exchange the code with the verifier; throws unless tokens come back. */
export async function codeFlow(discovery: Discovery, client: TestClient, options: Parameters<typeof authorize>[2] = {}) {
  const run = await authorize(discovery, client, options);
  const code = run.callback.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${run.callback.href}`);
  const answer = await exchangeCode(discovery, client, code, run.pkce.verifier);
  if (answer.status !== 200) throw new Error(`the code exchange answered ${answer.status} ${JSON.stringify(answer.body)}`);
  return { ...run, code, answer, tokens: answer.body as Required<Pick<TokenAnswer['body'], 'access_token' | 'refresh_token' | 'id_token'>> & TokenAnswer['body'] };
}

/** A verified JWT: its header and claims. */
export interface VerifiedJwt {
  header: { alg?: string; typ?: string; kid?: string; [member: string]: unknown };
  claims: JwtPayload;
}

/** Verifies as a gateway does: RS256 with the JWKS key its `kid` names, the issuer, the audience. */
export async function verifyJwt(discovery: Discovery, token: string, audience: string): Promise<VerifiedJwt> {
  const decoded = decode(token, { complete: true });
  if (!decoded) throw new Error('not a JWT');
  const keys = ((await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<{ kid: string; kty: string; n: string; e: string }> }).keys;
  const jwk = keys.find((key) => key.kid === decoded.header.kid);
  if (!jwk) throw new Error(`kid ${decoded.header.kid} is not in the JWKS`);
  const claims = verify(token, createPublicKey({ key: { ...jwk }, format: 'jwk' }), { algorithms: ['RS256'], issuer: discovery.issuer, audience });
  if (typeof claims === 'string') throw new Error('the JWT has no JSON claims');
  return { header: { ...decoded.header }, claims };
}
