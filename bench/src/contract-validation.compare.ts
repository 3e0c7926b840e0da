// Downstream bodies of one profile screen (a user, 10 orders of 3 items, their 30 products), validated
// the way the gateway reads them today (zod 4's safeParse of the contracts' schemas) and by ajv's
// compiled validator generated from the same schemas (z.toJSONSchema; unknown fields removed and
// defaults filled in by ajv, as zod does). Prints microseconds per screen for each, median of rounds.
//   npx ts-node --project bench/tsconfig.json bench/src/contract-validation.compare.ts
import { orderListSchema, productListSchema, readContract, userSchema } from '@bff/contracts';
import { seedOrdersOf, seedProducts, seedUser } from '@bff/seed-data';
import Ajv from 'ajv/dist/2020';
import { z } from 'zod';

const ROUNDS = 7;
const SCREENS = 20_000;

const products = seedProducts();
const catalog = new Map(products.map((product) => [product.id, product]));
const orders = seedOrdersOf('u42', catalog, 10);
const ids = new Set(orders.flatMap((order) => order.items.map((item) => item.productId)));
// A field the contracts do not name, on every object: tolerant reading drops it.
const body = {
  user: { ...seedUser(42), loyalty: { points: 7 } },
  orders: orders.map((order) => ({ ...order, channel: 'web' })),
  products: products.filter((product) => ids.has(product.id)).map((product) => ({ ...product, stock: 3 })),
};
// What a service sends arrives as fresh JSON each time; each validator gets its own copy.
const wire = JSON.stringify(body);

const ajv = new Ajv({ removeAdditional: 'all', useDefaults: true, allErrors: false, strict: false });
const compiled = {
  user: ajv.compile(z.toJSONSchema(userSchema, { io: 'input', unrepresentable: 'any' })),
  orders: ajv.compile(z.toJSONSchema(orderListSchema, { io: 'input', unrepresentable: 'any' })),
  products: ajv.compile(z.toJSONSchema(productListSchema, { io: 'input', unrepresentable: 'any' })),
};

function withZod(screen: typeof body): boolean {
  return userSchema.safeParse(screen.user).success && orderListSchema.safeParse(screen.orders).success && productListSchema.safeParse(screen.products).success;
}
/** What the gateway ships: ajv first, zod for what ajv refuses. */
function withReader(screen: typeof body): boolean {
  return readContract(userSchema, screen.user).success && readContract(orderListSchema, screen.orders).success && readContract(productListSchema, screen.products).success;
}
function withAjv(screen: typeof body): boolean {
  return compiled.user(screen.user) && compiled.orders(screen.orders) && compiled.products(screen.products);
}

// The same answer from both, first: the same fields kept, the same defaults.
const viaZod = { user: userSchema.parse(JSON.parse(wire).user), orders: orderListSchema.parse(JSON.parse(wire).orders), products: productListSchema.parse(JSON.parse(wire).products) };
const viaAjv = JSON.parse(wire) as typeof body;
if (!withAjv(viaAjv)) throw new Error(`ajv refused the seed bodies: ${ajv.errorsText()}`);
if (JSON.stringify(viaZod) !== JSON.stringify(viaAjv)) throw new Error('zod and ajv read the bodies differently');

function measure(validate: (screen: typeof body) => boolean): number {
  const screens = Array.from({ length: 200 }, () => JSON.parse(wire) as typeof body);
  const started = process.cpuUsage();
  for (let i = 0; i < SCREENS; i++) {
    // Re-parse a copy now and then so the validators do not see already-cleaned objects only (ajv mutates).
    if (i % 200 === 0) for (let j = 0; j < screens.length; j++) screens[j] = JSON.parse(wire) as typeof body;
    if (!validate(screens[i % screens.length])) throw new Error('refused');
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / SCREENS;
}
const parseOnly = () => true;

const results: Record<string, number[]> = { 'JSON.parse only': [], zod: [], ajv: [], readContract: [] };
for (let round = 0; round < ROUNDS; round++) {
  results['JSON.parse only'].push(measure(parseOnly));
  results['zod'].push(measure(withZod));
  results['ajv'].push(measure(withAjv));
  results['readContract'].push(measure(withReader));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(results['JSON.parse only']);
process.stdout.write(`node ${process.version}, one profile screen's bodies (1 user, ${orders.length} orders, ${body.products.length} products), ${SCREENS} screens x ${ROUNDS} rounds:\n`);
for (const [name, values] of Object.entries(results)) {
  const own = name === 'JSON.parse only' ? median(values) : median(values) - base;
  process.stdout.write(`  ${name.padEnd(16)} ${own.toFixed(1)} us per screen${name === 'JSON.parse only' ? ' (the copies; subtracted below)' : ''}\n`);
}
