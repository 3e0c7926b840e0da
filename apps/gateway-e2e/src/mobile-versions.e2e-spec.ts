import { signTestToken } from '@bff/auth/testing';
import { launchSystem, type RunningSystem } from '@bff/app-process/launcher';
import { call, expectApiError } from './support/http.client';
import { seedServiceEnv, thumbnailOf, u42 } from './support/seed.fixtures';

// u42's seed data (see profile.e2e-spec.ts): the same screens in each version of the mobile API.
const user = { id: 'u42', name: 'Linus Perlman', avatarUrl: u42.avatarUrl };
const thumb = thumbnailOf;
const orders = [
  { id: 'o42-1', status: 'processing', total: 591.64, amountMinor: 59164, itemCount: 5, thumbnailUrl: thumb('p3') },
  { id: 'o42-2', status: 'shipped', total: 1146.84, amountMinor: 114684, itemCount: 9, thumbnailUrl: thumb('p11') },
  { id: 'o42-3', status: 'delivered', total: 538.93, amountMinor: 53893, itemCount: 8, thumbnailUrl: thumb('p13') },
  { id: 'o42-4', status: 'delivered', total: 369.35, amountMinor: 36935, itemCount: 3, thumbnailUrl: thumb('p45') },
  { id: 'o42-5', status: 'delivered', total: 653.69, amountMinor: 65369, itemCount: 5, thumbnailUrl: thumb('p22') },
];
const recommended = [
  { id: 'p57', name: 'Rugged Sneakers 57', price: 238.25, amountMinor: 23825 },
  { id: 'p70', name: 'Featherweight Lamp 70', price: 233.5, amountMinor: 23350 },
  { id: 'p29', name: 'Compact Sneakers 29', price: 167.41, amountMinor: 16741 },
  { id: 'p55', name: 'Deluxe Sneakers 55', price: 166.07, amountMinor: 16607 },
];

const orderV1 = ({ id, status, total, itemCount, thumbnailUrl }: (typeof orders)[number]) => ({ id, status, total, currency: 'USD', itemCount, thumbnailUrl });
const orderV2 = ({ id, status, amountMinor, itemCount, thumbnailUrl }: (typeof orders)[number]) => ({
  id,
  status,
  total: { amountMinor, currency: 'USD' },
  itemCount,
  thumbnailUrl,
});
const cardV1 = ({ id, name, price }: (typeof recommended)[number]) => ({ id, name, price, thumbnailUrl: thumb(id) });
const cardV2 = ({ id, name, amountMinor }: (typeof recommended)[number]) => ({ id, name, price: { amountMinor, currency: 'USD' }, thumbnailUrl: thumb(id) });

const profileV1 = { user, recentOrders: orders.map(orderV1), meta: { degraded: [] } };
const profileV2 = { user, recentOrders: orders.map(orderV2), meta: { degraded: [] } };
const homeV1 = { user, recentOrders: orders.slice(0, 3).map(orderV1), recommendations: recommended.map(cardV1), meta: { degraded: [] } };
const homeV2 = { user, recentOrders: orders.slice(0, 3).map(orderV2), recommendations: recommended.map(cardV2), meta: { degraded: [] } };

describe('mobile-bff API versions', () => {
  let system: RunningSystem;
  let mobile: string;
  const token = signTestToken('u42', { audience: 'mobile' });

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gatewayEnv: { NODE_ENV: 'test', THROTTLE_BURST_LIMIT: '1000' }, serviceEnv: seedServiceEnv });
    mobile = system.gateway('mobile-bff').url;
  });
  afterAll(() => system?.stop());

  it.each([
    ['/api/v1/profile', profileV1],
    ['/api/v2/profile', profileV2],
    ['/api/v1/home', homeV1],
    ['/api/v2/home', homeV2],
  ])('GET %s answers its version’s shape', async (path, expected) => {
    const result = await call(`${mobile}${path}`, { token });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(expected);
  });

  it('answers unversioned paths exactly as v1, for the apps already in the field', async () => {
    for (const screen of ['profile', 'home']) {
      const [unversioned, v1] = await Promise.all([call(`${mobile}/api/${screen}`, { token }), call(`${mobile}/api/v1/${screen}`, { token })]);
      expect({ screen, status: unversioned.status, body: unversioned.text }).toEqual({ screen, status: 200, body: v1.text });
    }
  });

  it('v2 sends money as integer minor units with its currency, where v1 sends a decimal', async () => {
    const [v1, v2] = await Promise.all([call(`${mobile}/api/v1/profile`, { token }), call(`${mobile}/api/v2/profile`, { token })]);
    expect(v1.text).toContain('"total":591.64,"currency":"USD"');
    expect(v2.text).toContain('"total":{"amountMinor":59164,"currency":"USD"}');
  });

  it('answers an unknown version 404 in the error shape', async () => {
    expectApiError(await call(`${mobile}/api/v3/profile`, { token }), 404);
    expectApiError(await call(`${mobile}/api/v0/home`, { token }), 404);
  });

  it('asks for a token on every version', async () => {
    for (const path of ['/api/profile', '/api/v1/profile', '/api/v2/profile', '/api/v2/home']) {
      expectApiError(await call(`${mobile}${path}`), 401);
    }
  });

  it('keeps health unversioned and outside /api', async () => {
    expect((await call(`${mobile}/health`)).status).toBe(200);
    expect((await call(`${mobile}/health/live`)).body).toEqual({ status: 'ok' });
    expectApiError(await call(`${mobile}/api/v1/health`), 404);
    expectApiError(await call(`${mobile}/v1/health`), 404);
  });

  it('leaves web-bff unversioned', async () => {
    const web = system.gateway('web-bff').url;
    expect((await call(`${web}/api/profile`, { token: signTestToken('u42') })).status).toBe(200);
    expectApiError(await call(`${web}/api/v1/profile`, { token: signTestToken('u42') }), 404);
  });
});
