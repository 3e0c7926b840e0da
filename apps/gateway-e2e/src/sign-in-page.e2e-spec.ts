import { launchApp, type RunningApp } from '@bff/app-process/launcher';
import { HeadlessUserAgent, parseSignInForm } from '@bff/headless-sign-in';
import { Agent } from 'undici';
import { authorizationUrl, codeFlow, type Discovery, discover, MOBILE_APP, U42, webBffClient } from './support/oidc.flow';

const CLIENT_SECRET = 'e2e-web-bff-client-secret-0123456789';
/** Never listened on: the flow reads the redirect, it does not follow it. */
const WEB_CALLBACK = 'http://127.0.0.1:9/api/auth/callback';

// identity-service's own sign-in page (issue 14), with the login rules of issue 17 (findings 5 and 6):
// an anti-forgery token, cross-site posts refused, failure limits per account and address.
describe('the sign-in page', () => {
  let identity: RunningApp;
  let discovery: Discovery;
  const web = webBffClient(WEB_CALLBACK, CLIENT_SECRET);

  beforeAll(async () => {
    identity = await launchApp('identity-service', {
      env: { PORT: '0', NODE_ENV: 'test', WEB_BFF_CLIENT_SECRET: CLIENT_SECRET, WEB_BFF_REDIRECT_URIS: WEB_CALLBACK },
    });
    discovery = await discover(identity.url);
  });
  afterAll(() => identity?.stop());

  /** Opens a sign-in page for web-bff and returns its form with the user agent that holds its cookie. */
  async function openSignIn(userAgent = new HeadlessUserAgent()) {
    const start = await userAgent.get(authorizationUrl(discovery, web, { pkce: { challenge: 'c'.repeat(43), method: 'S256' }, state: 'st' }));
    const page = await userAgent.get(start.location ?? '');
    return { userAgent, page, form: parseSignInForm(page.text, page.url) };
  }

  it('is a form with an anti-forgery token, never cached or framed', async () => {
    const { page, form } = await openSignIn();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.text).toMatch(/<input type="email" id="email" name="email"/);
    expect(page.text).toMatch(/<input type="password" id="password" name="password"/);
    expect(form.csrf).toMatch(/^[\w-]{43}$/);
  });

  it.each([
    ['without the anti-forgery token', () => ({ email: U42.email, password: U42.password, csrf: '' }), {}, 403],
    ['with another page’s token', () => ({ email: U42.email, password: U42.password, csrf: 'x'.repeat(43) }), {}, 403],
    ['from another site (Origin)', (csrf: string) => ({ email: U42.email, password: U42.password, csrf }), { origin: 'https://evil.example' }, 403],
    ['from another site (Sec-Fetch-Site)', (csrf: string) => ({ email: U42.email, password: U42.password, csrf }), { 'sec-fetch-site': 'cross-site' }, 403],
    ['from a sibling site (Sec-Fetch-Site: same-site)', (csrf: string) => ({ email: U42.email, password: U42.password, csrf }), { 'sec-fetch-site': 'same-site' }, 403],
    ['from a sandboxed frame (Origin: null)', (csrf: string) => ({ email: U42.email, password: U42.password, csrf }), { origin: 'null' }, 403],
  ])('refuses a post %s with 403 and signs nobody in', async (_case, fields, headers, status) => {
    const { userAgent, form } = await openSignIn();
    const answer = await userAgent.postForm(form.action, fields(form.csrf), headers);
    expect(answer.status).toBe(status);
    expect(answer.text).toContain('refused');
    expect(answer.location).toBeUndefined();
  });

  it('accepts the post the browser sends from the page itself (its own Origin, same-origin)', async () => {
    const { userAgent, form } = await openSignIn();
    const host = new URL(identity.url).host;
    const answer = await userAgent.postForm(form.action, { email: U42.email, password: U42.password, csrf: form.csrf }, { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(answer.status).toBe(303);
  });

  it('refuses a post against another browser’s sign-in: the token of one interaction does not open another', async () => {
    const attacker = await openSignIn();
    const victim = await openSignIn();
    const answer = await victim.userAgent.postForm(victim.form.action, { email: U42.email, password: U42.password, csrf: attacker.form.csrf });
    expect(answer.status).toBe(403);
  });

  it('answers a page that belongs to no sign-in of this browser with 400 and says to start again', async () => {
    const { page } = await openSignIn();
    const stranger = await new HeadlessUserAgent().get(page.url);
    expect(stranger.status).toBe(400);
    expect(stranger.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(stranger.text).toContain('go back to the app and sign in again');
    expect(stranger.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  it('lets the user cancel: the client gets access_denied and its state back', async () => {
    const { userAgent, form } = await openSignIn();
    const abort = await userAgent.postForm(new URL(form.action.pathname.replace(/\/login$/, '/abort'), form.action), { csrf: form.csrf });
    expect(abort.status).toBe(303);
    const back = await userAgent.get(abort.location ?? '');
    expect(back.location?.origin + (back.location?.pathname ?? '')).toBe(WEB_CALLBACK);
    expect({ error: back.location?.searchParams.get('error'), state: back.location?.searchParams.get('state') }).toEqual({ error: 'access_denied', state: 'st' });
  });

  it('asks before handing a native app a code when the browser is signed in already (RFC 8252 §8.6)', async () => {
    const first = await codeFlow(discovery, MOBILE_APP);
    const start = await first.userAgent.get(authorizationUrl(discovery, MOBILE_APP, { pkce: { challenge: 'e'.repeat(43), method: 'S256' } }));
    const page = await first.userAgent.get(start.location ?? '');
    expect(page.text).toContain('Continue to Mobile app?');
    expect(page.text).toContain(`You are signed in as ${U42.email}`);
    expect(page.text).not.toContain('type="password"');

    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const confirmed = await first.userAgent.postForm(new URL(`${page.url.pathname}/confirm`, page.url), { csrf });
    expect(confirmed.status).toBe(303);
    const back = await first.userAgent.get(confirmed.location ?? '');
    expect(back.location?.protocol).toBe('com.example.bff:');
    expect(back.location?.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('shows the form again with one message for a wrong password and for an unknown email', async () => {
    const { userAgent, form } = await openSignIn();
    const wrong = await userAgent.postForm(form.action, { email: 'ivan.zuse.900@example.com', password: 'wrong', csrf: form.csrf });
    const unknown = await userAgent.postForm(form.action, { email: 'nobody@example.com', password: U42.password, csrf: form.csrf });
    expect([wrong.status, unknown.status]).toEqual([400, 400]);
    for (const answer of [wrong, unknown]) expect(answer.text).toContain('Invalid email or password');
  });
});

describe('the sign-in page under password guessing', () => {
  let identity: RunningApp;
  let discovery: Discovery;
  const agents: Agent[] = [];
  const web = webBffClient(WEB_CALLBACK, CLIENT_SECRET);

  beforeAll(async () => {
    identity = await launchApp('identity-service', {
      env: { PORT: '0', NODE_ENV: 'test', WEB_BFF_CLIENT_SECRET: CLIENT_SECRET, WEB_BFF_REDIRECT_URIS: WEB_CALLBACK },
    });
    discovery = await discover(identity.url);
  });
  afterAll(async () => {
    await identity?.stop();
    await Promise.all(agents.map((agent) => agent.close()));
  });

  /** A browser at another loopback address (127.0.0.2, ...): identity-service sees each as its own client. */
  function browserAt(localAddress: string): HeadlessUserAgent {
    const agent = new Agent({ localAddress });
    agents.push(agent);
    return new HeadlessUserAgent({ fetch: (input, init) => fetch(input, { ...init, dispatcher: agent }) });
  }

  /** Opens a sign-in page and posts `attempts` passwords to it, one after the other; the statuses, in order. */
  async function signInAttempts(userAgent: HeadlessUserAgent, email: string, passwords: string[]): Promise<number[]> {
    const start = await userAgent.get(authorizationUrl(discovery, web, { pkce: { challenge: 'd'.repeat(43), method: 'S256' } }));
    const page = await userAgent.get(start.location ?? '');
    const form = parseSignInForm(page.text, page.url);
    const statuses: number[] = [];
    for (const password of passwords) statuses.push((await userAgent.postForm(form.action, { email, password, csrf: form.csrf })).status);
    return statuses;
  }

  const wrong = (count: number) => Array.from({ length: count }, (_, i) => `wrong-${i}`);
  const RIGHT = U42.password;

  it('stops an email after 5 failures from one address, counting padded and upper-case spellings as the same account', async () => {
    const email = 'ivan.zuse.900@example.com';
    const browser = browserAt('127.0.0.1');
    const spellings = [email, `  ${email}`, email.toUpperCase(), ` ${email.toUpperCase()} `, `${email}\t`];
    const statuses: number[] = [];
    for (const spelling of spellings) statuses.push(...(await signInAttempts(browser, spelling, wrong(1))));
    expect(statuses).toEqual([400, 400, 400, 400, 400]);

    const start = await browser.get(authorizationUrl(discovery, web, { pkce: { challenge: 'd'.repeat(43), method: 'S256' } }));
    const page = await browser.get(start.location ?? '');
    const blocked = await browser.postForm(parseSignInForm(page.text, page.url).action, { email, password: RIGHT, csrf: parseSignInForm(page.text, page.url).csrf });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(blocked.text).toContain('Too many failed sign-ins');
  });

  it('does not lock the real user out of their own address when someone elsewhere guesses 5 times', async () => {
    const email = 'linus.perlman.42@example.com';
    expect(await signInAttempts(browserAt('127.0.0.2'), email, wrong(6))).toEqual([400, 400, 400, 400, 400, 429]);

    expect(await signInAttempts(browserAt('127.0.0.3'), email, [RIGHT])).toEqual([303]);
  });

  it('does not count successes, and a success clears the failures of its address', async () => {
    const email = 'sophie.liskov.77@example.com';
    const browser = browserAt('127.0.0.4');
    for (let i = 0; i < 8; i += 1) expect(await signInAttempts(browser, email, [RIGHT])).toEqual([303]);
    expect(await signInAttempts(browser, email, [...wrong(4), RIGHT])).toEqual([400, 400, 400, 400, 303]);
    expect(await signInAttempts(browser, email, [...wrong(4), RIGHT])).toEqual([400, 400, 400, 400, 303]);
  });

  it('stops an email everywhere for the hour after 50 failures spread over many addresses', async () => {
    const email = 'claude.norvig.300@example.com';
    for (let host = 10; host < 20; host += 1) {
      expect(await signInAttempts(browserAt(`127.0.0.${host}`), email, wrong(5))).toEqual([400, 400, 400, 400, 400]);
    }
    const fresh = await signInAttempts(browserAt('127.0.0.30'), email, [RIGHT]);
    expect(fresh).toEqual([429]);
  });
});
