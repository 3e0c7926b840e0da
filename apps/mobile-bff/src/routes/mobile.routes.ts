import { defineRoutes } from '@bff/routing';

/**
 * mobile-bff's pass-through routes (see libs/routing). Served under `/api`, unversioned:
 * a pass-through has no shape of its own to version, so it stays at `/api/catalog/*`.
 * Each route names the paths it forwards; anything else answers 404 and reaches no service.
 */
export const MOBILE_ROUTES = defineRoutes([
  // Read-only catalog: /api/catalog/products?ids=p1,p2 -> catalog-service /products?ids=p1,p2.
  // Products are public data: catalog-service is sent no identity of the caller.
  { prefix: '/catalog', service: 'catalog', target: '/', paths: ['/products', '/products/:id'], methods: ['GET'], auth: 'required', credentials: 'none' },
]);
