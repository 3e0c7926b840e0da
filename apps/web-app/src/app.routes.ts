/** The screens, addressed by the URL's hash so that any static server can serve the app unchanged. */
export type Route =
  | { screen: 'sign-in' }
  | { screen: 'profile' }
  | { screen: 'order'; orderId: string }
  // '#/home' (GET /api/home, issue 9's second part) goes here, and becomes LANDING_HASH.
  | { screen: 'not-found'; hash: string };

/** Where a signed-in visitor lands. */
export const LANDING_HASH = '#/profile';
export const SIGN_IN_HASH = '#/sign-in';

export function routeOf(hash: string): Route {
  if (hash === '' || hash === '#' || hash === '#/') return { screen: 'profile' };
  if (hash === SIGN_IN_HASH) return { screen: 'sign-in' };
  if (hash === '#/profile') return { screen: 'profile' };
  const order = /^#\/orders\/([^/]+)$/.exec(hash);
  if (order?.[1]) {
    try {
      return { screen: 'order', orderId: decodeURIComponent(order[1]) };
    } catch {
      // A malformed %-escape: no such order.
    }
  }
  return { screen: 'not-found', hash };
}
