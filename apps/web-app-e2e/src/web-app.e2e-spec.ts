import { workspaceRoot } from '@bff/app-process/launcher';
import { DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { type Chromium, describeWithChromium, launchChromium } from './support/chromium.browser';
import { launchSignInSystem, type SignInSystem } from './support/sign-in.system';
import { WebAppServer } from './support/web-app.server';

const U42 = { email: 'linus.perlman.42@example.com', name: 'Linus Perlman', newName: 'Linus P. Perlman', firstOrder: 'o42-1' };
const SESSION_COOKIE = '__Host-bff_session';
/** identity-service's access tokens live this long in this test, and web-bff allows them no clock skew. */
const TOKEN_TTL_S = 4;
const REDIS_URL = 'redis://127.0.0.1:6379';
const root = workspaceRoot();
const dist = join(root, 'dist', 'apps', 'web-app');
const screenshots = join(root, 'test-output', 'web-app');

/** What web-bff itself answers the page's session: the oracle the screens are held to. */
async function fromBff<T>(page: Page, bff: string, path: string): Promise<{ status: number; body: T; degraded: string | null }> {
  return page.evaluate(
    async ([url]) => {
      const response = await fetch(url as string, { credentials: 'include' });
      return { status: response.status, body: (await response.json()) as T, degraded: response.headers.get('x-degraded') };
    },
    [`${bff}${path}`],
  );
}

/**
 * Every picture on the screen is shown: none is still loading or broken, none gave way to its
 * placeholder. Lazy pictures load once near the viewport, so the page is scrolled through first.
 */
async function expectPicturesShown(page: Page): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete), undefined, { timeout: 10_000 });
  const pictures = await page.evaluate(() => ({
    broken: Array.from(document.images).filter((image) => image.naturalWidth === 0).map((image) => image.src),
    placeholders: document.querySelectorAll('.placeholder').length,
    shown: document.images.length,
  }));
  await page.evaluate(() => window.scrollTo(0, 0));
  expect({ broken: pictures.broken, placeholders: pictures.placeholders }).toEqual({ broken: [], placeholders: 0 });
  return pictures.shown;
}

interface HomeBody {
  user: { name: string };
  recentOrders: Array<{ id: string }>;
  recommendations: Array<{ product: { name: string } }>;
  meta: { degraded: string[] };
}

// The built app, served as static files from its own origin, in headless Chromium, against two real
// web-bff instances sharing one Redis, the services behind them, and identity-service as the OpenID
// Provider whose page the user signs in on: the cookie session as a browser really keeps it.
describeWithChromium('web-app in a browser, signed in through the identity provider, on web-bff', () => {
  const keyPrefix = `e2e:web-app:${randomUUID()}:`;
  let site: WebAppServer;
  let system: SignInSystem | undefined;
  let chromium: Chromium | undefined;
  let page: Page;
  /** The instance the app calls; identity-service sends its back-channel logouts to the other one. */
  let bff: string;
  let identity: string;

  const signInAtProvider = async (password: string) => {
    await page.waitForURL((url) => url.origin === identity && url.pathname.startsWith('/interaction/'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(U42.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const sessionWith = async (cookie: string) => (await fetch(`${bff}/api/auth/session`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } })).status;
  const sessionCookie = async () => (await page.context().cookies(bff)).find((cookie) => cookie.name === SESSION_COOKIE);
  /** What went wrong in the page on any screen: a failed request, a broken picture, a script error. */
  const problems: string[] = [];
  /** web-bff's error answers that tests below ask for (a wrong password, a bad name): the browser logs each. */
  const askedForError = (message: ConsoleMessage) => {
    if (!message.text().startsWith('Failed to load resource: the server responded with a status of 4')) return false;
    const { url } = message.location();
    // web-bff's answers, and the provider's page refusing the wrong password a test types there. The
    // provider's own favicon is its page's business, not the web app's.
    return url.startsWith(`${bff}/api/`) || (url.startsWith(`${identity}/interaction/`) && url.endsWith('/login')) || url === `${identity}/favicon.ico`;
  };

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} is missing: build it first (npx nx build web-app)`);
    site = await WebAppServer.start(dist);
    const [launched, browser] = await Promise.allSettled([
      launchSignInSystem({
        appOrigin: site.origin,
        instances: 2,
        redis: { url: REDIS_URL, keyPrefix },
        identityEnv: { TOKEN_TTL_S: String(TOKEN_TTL_S) },
        // Every screen is several calls from one user: more than the default burst allows on a slow machine.
        webBffEnv: { THROTTLE_BURST_LIMIT: '1000', JWT_CLOCK_TOLERANCE_S: '0' },
      }),
      launchChromium(),
    ]);
    // Keep whatever started, so that afterAll stops it even when the other failed.
    if (launched.status === 'fulfilled') system = launched.value;
    if (browser.status === 'fulfilled') chromium = browser.value;
    if (launched.status === 'rejected') throw launched.reason;
    if (browser.status === 'rejected') throw browser.reason;
    if (!system || !chromium) throw new Error('unreachable');

    bff = system.webBffs[1]?.url ?? '';
    identity = system.identity.url;
    site.bffUrl = bff;
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    // A step that does not happen fails on its own, well inside the test's 30 s.
    chromium.context.setDefaultTimeout(10_000);
    // A request cut short by a reload (net::ERR_ABORTED) is not one that failed.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
      if (response.request().resourceType() === 'image' && !response.ok()) problems.push(`picture ${response.url()}: ${response.status()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !askedForError(message)) problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    await page.goto(site.origin);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([chromium?.close(), system?.stop(), site?.close()]);
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis
      .connect()
      .then(async () => {
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      })
      .catch(() => undefined);
    redis.disconnect();
  });

  it('asks a visitor without a session to sign in, on the identity provider’s page, which refuses a wrong password', async () => {
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();

    await signInAtProvider('not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Invalid email or password');
    expect(new URL(page.url()).origin).toBe(identity);
  });

  it('signs u42 in there and brings them back to the home screen: their name, latest orders and products picked for them', async () => {
    await signInAtProvider(DEVELOPMENT_USER_PASSWORD);
    await page.waitForURL((url) => url.origin === site.origin);
    await page.getByRole('heading', { name: U42.name }).waitFor();
    expect(await page.title()).toBe('Home · BFF Shop');

    const home = await fromBff<HomeBody>(page, bff, '/api/home');
    expect(home.status).toBe(200);
    expect(home.body.meta.degraded).toEqual([]);
    const shownOrders = await page.locator('.orders > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['orderId']));
    expect(shownOrders).toEqual(home.body.recentOrders.map((order) => order.id));
    expect(shownOrders).toContain(U42.firstOrder);
    const shownProducts = await page.locator('.products .product-name').allInnerTexts();
    expect(shownProducts.length).toBeGreaterThan(0);
    expect(shownProducts).toEqual(home.body.recommendations.map(({ product }) => product.name));
    expect(await page.locator('.notice.degraded').count()).toBe(0);
    // The avatar, a thumbnail per ordered product and a picture per recommended one: drawn by the services.
    expect(await expectPicturesShown(page)).toBeGreaterThan(shownProducts.length);
    const avatar = await page.locator('img.avatar').getAttribute('src');
    expect(avatar).toBe(`${system?.services['user-service'].url}/images/avatars/u42.svg`);

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true });
  });

  it('shows the profile: their name, and their orders with the products in them', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Recent orders' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(U42.name);

    const profile = await fromBff<{ orders: Array<{ id: string; items: Array<{ product: { name: string } | null }> }> }>(page, bff, '/api/profile');
    expect(profile.status).toBe(200);
    const shownOrders = await page.locator('.orders > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['orderId']));
    expect(shownOrders).toEqual(profile.body.orders.map((order) => order.id));
    const shownProducts = await page.locator(`[data-order-id="${U42.firstOrder}"] .product-name`).allInnerTexts();
    expect(shownProducts).toEqual(profile.body.orders.find((order) => order.id === U42.firstOrder)?.items.map((item) => item.product?.name));
    expect(await page.getByText(U42.email).count()).toBeGreaterThan(0);
    expect(await expectPicturesShown(page)).toBeGreaterThan(profile.body.orders.length);

    await page.screenshot({ path: join(screenshots, 'profile.png'), fullPage: true });
  });

  it('keeps the session where no script on the page can read it, and no token in the browser at all', async () => {
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      localStorage: Object.keys(localStorage),
      sessionStorage: Object.keys(sessionStorage),
    }));
    expect(visible).toEqual({ cookie: '', localStorage: [], sessionStorage: [] });

    // It is there all the same: a __Host- cookie (Secure, which the browser takes on loopback, Path=/, no
    // Domain), HttpOnly and SameSite=Strict, holding a random id rather than a token.
    expect(await sessionCookie()).toEqual(expect.objectContaining({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' }));
    const everyCookie = await page.context().cookies();
    expect(everyCookie.filter((cookie) => /^eyJ/.test(cookie.value))).toEqual([]);
  });

  it(`keeps working for several access-token lifetimes (${TOKEN_TTL_S} s): web-bff refreshes the token, and no sign-in page comes`, async () => {
    const until = Date.now() + 3.5 * TOKEN_TTL_S * 1000;
    let screens = 0;
    while (Date.now() < until) {
      const [link, heading] = screens % 2 === 0 ? ['Home', 'Recommended for you'] : ['Profile', 'Recent orders'];
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(new URL(page.url()).origin).toBe(site.origin);
      screens++;
      await page.waitForTimeout(500);
    }
    expect(screens).toBeGreaterThan(8);
    expect((await fromBff(page, bff, '/api/auth/session')).status).toBe(200);
    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Recent orders' }).waitFor();
  }, 45_000);

  it('refuses a bad display name with web-bff’s message, naming the field, and keeps the old one', async () => {
    const name = page.getByLabel('Display name');
    for (const bad of ['   ', 'x'.repeat(81)]) {
      await name.fill(bad);
      await page.getByRole('button', { name: 'Save name' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^name: .+\s+400 Bad Request · request \S+$/);
      await page.getByRole('button', { name: 'Save name' }).and(page.locator(':enabled')).waitFor();
    }
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(U42.name);
    expect((await fromBff<{ user: { name: string } }>(page, bff, '/api/profile')).body.user.name).toBe(U42.name);
  });

  it('tells a visitor who is throttled, in words, when to try again (Retry-After)', async () => {
    // web-bff's 429 as it sends it, for this one request: a real one would spend the visitor's
    // budget for the rest of this suite. The preflight still goes to web-bff.
    const profileUrl = `${bff}/api/profile`;
    await page.route(profileUrl, (route) =>
      route.request().method() !== 'PATCH'
        ? route.continue()
        : route.fulfill({
            status: 429,
            contentType: 'application/json',
            headers: {
              'access-control-allow-origin': site.origin,
              'access-control-allow-credentials': 'true',
              'access-control-expose-headers': 'x-request-id, retry-after',
              'retry-after': '12',
              'x-request-id': 'req-throttled',
            },
            body: JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Too many requests; retry after the time in Retry-After', requestId: 'req-throttled' }),
          }),
    );
    try {
      await page.getByLabel('Display name').fill('Linus Again');
      await page.getByRole('button', { name: 'Save name' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/^Too many requests: try again in 12 s\.\s+429 Too Many Requests · request req-throttled$/);
    } finally {
      await page.unroute(profileUrl);
    }
    await page.getByRole('button', { name: 'Save name' }).and(page.locator(':enabled')).waitFor();
  });

  it('saves a new display name: shown at once, and still there after a reload and on the home screen', async () => {
    await page.getByLabel('Display name').fill(U42.newName);
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('heading', { name: U42.newName }).waitFor();
    expect(await page.getByRole('status').innerText()).toBe('Name saved.');
    expect(await page.title()).toContain(U42.newName);

    // The reload also shows the cookie session outliving the page: the page asks web-bff for it.
    await page.reload();
    await page.getByRole('heading', { name: U42.newName }).waitFor();
    expect(await page.getByLabel('Display name').inputValue()).toBe(U42.newName);

    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'Recommended for you' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(U42.newName);
    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Recent orders' }).waitFor();
  });

  it('opens an order with every product in it', async () => {
    await page.getByRole('link', { name: `Order ${U42.firstOrder}`, exact: true }).click();
    await page.getByRole('heading', { name: `Order ${U42.firstOrder}`, exact: true }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/orders/${U42.firstOrder}`);

    const order = await fromBff<{ items: Array<{ product: { name: string } | null }> }>(page, bff, `/api/orders/${U42.firstOrder}`);
    expect(order.status).toBe(200);
    const rows = await page.locator('table.lines tbody .product-name').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(order.body.items.map((item) => item.product?.name));
    expect(await expectPicturesShown(page)).toBe(rows.length);
  });

  it('refuses a change sent with the cookie but without the CSRF token, as a forged request would be', async () => {
    const forged = await page.evaluate(
      async ([url]) => {
        const send = (path: string, init: RequestInit) => fetch(`${url as string}${path}`, { credentials: 'include', ...init }).then((r) => r.status);
        return {
          logout: await send('/api/auth/logout', { method: 'POST' }),
          rename: await send('/api/profile', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Forged' }) }),
        };
      },
      [bff],
    );
    expect(forged).toEqual({ logout: 403, rename: 403 });
    expect((await fromBff(page, bff, '/api/auth/session')).status).toBe(200);
    expect((await fromBff<{ user: { name: string } }>(page, bff, '/api/profile')).body.user.name).toBe(U42.newName);
  });

  it('still shows the home screen when recommendation-service is down, with a notice instead of the products', async () => {
    await system?.services['recommendation-service'].stop();
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
    const notice = page.locator('.notice.degraded');
    await notice.waitFor();
    expect(await notice.innerText()).toBe('Recommendations are unavailable right now.');
    expect(await notice.getAttribute('role')).toBe('status');

    const home = await fromBff<HomeBody>(page, bff, '/api/home');
    expect(home).toMatchObject({ status: 200, degraded: 'recommendations', body: { meta: { degraded: ['recommendations'] } } });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(U42.newName);
    const shownOrders = await page.locator('.orders > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['orderId']));
    expect(shownOrders).toEqual(home.body.recentOrders.map((order) => order.id));
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Recommended for you' }).count()).toBe(0);

    await page.screenshot({ path: join(screenshots, 'home-degraded.png'), fullPage: true });
  });

  it('signs out at web-bff and at the provider, back to the sign-in screen; a cookie copied before gets 401', async () => {
    const copied = (await sessionCookie())?.value ?? '';
    expect(await sessionWith(copied)).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The provider's end-session page confirms itself (web-bff sent the ID token as its hint), then sends the browser back.
    await page.waitForURL((url) => url.origin === site.origin && url.pathname === '/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);

    expect(await sessionWith(copied)).toBe(401);
    expect(await sessionCookie()).toBeUndefined();
  });

  it('ends the session when the provider says so over the back channel (sent to the other web-bff instance): the app goes to sign in again', async () => {
    // Signed out at the provider too: signing in again asks for the password.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInAtProvider(DEVELOPMENT_USER_PASSWORD);
    await page.getByRole('heading', { name: U42.newName }).waitFor();
    const copied = (await sessionCookie())?.value ?? '';
    expect(await sessionWith(copied)).toBe(200);

    // The user signs out at the provider itself, in another tab (say, from another of the company's apps).
    const elsewhere = await page.context().newPage();
    await elsewhere.goto(`${identity}/oauth/logout`);
    await elsewhere.getByRole('button', { name: 'Yes, sign me out' }).click();
    await elsewhere.waitForLoadState();
    await elsewhere.close();

    // The provider told web-bff's first instance; the app calls the second, which refuses the session within a second.
    const told = Date.now();
    while ((await sessionWith(copied)) === 200 && Date.now() - told < 1_000) await page.waitForTimeout(50);
    expect(await sessionWith(copied)).toBe(401);
    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    await signInAtProvider(DEVELOPMENT_USER_PASSWORD);
    // Signed in again, and back on the screen the user was going to.
    await page.getByRole('heading', { name: 'Recent orders' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/profile');
  });

  it('went through every screen without a failed request, a broken picture or a script error', () => {
    expect(problems).toEqual([]);
  });
});
