import { defineRoutes } from '@bff/routing';

/**
 * web-bff's pass-through routes: calls that need no aggregation or reshaping go
 * to their service as they are (see libs/routing). Served under `/api`.
 */
export const WEB_ROUTES = defineRoutes([
  // The catalog as the service has it, for the product pages: /api/catalog/products/p1 -> catalog-service /products/p1.
  { prefix: '/catalog', service: 'catalog', target: '/', methods: ['GET'], auth: 'required' },
]);
