import { defineRoutes } from '@bff/routing';

/**
 * mobile-bff's pass-through routes (see libs/routing). Served under `/api`, unversioned:
 * a pass-through has no shape of its own to version, so it stays at `/api/catalog/*`.
 */
export const MOBILE_ROUTES = defineRoutes([
  // Read-only catalog: /api/catalog/products?ids=p1,p2 -> catalog-service /products?ids=p1,p2.
  { prefix: '/catalog', service: 'catalog', target: '/', methods: ['GET'], auth: 'required' },
]);
