import { defineRoutes } from '@bff/routing';

/**
 * web-bff's pass-through routes: calls that need no aggregation or reshaping go
 * to their service as they are (see libs/routing). Served under `/api`. Each route
 * names the paths it forwards; anything else answers 404 and reaches no service.
 */
export const WEB_ROUTES = defineRoutes([
  // The catalog as the service has it, for the product pages: /api/catalog/products/p1 -> catalog-service /products/p1.
  // Products are public data: catalog-service is sent no identity of the caller.
  { prefix: '/catalog', service: 'catalog', target: '/', paths: ['/products', '/products/:id'], methods: ['GET'], auth: 'required', credentials: 'none' },
]);
