/** The screens, addressed by the URL's hash so that any static server can serve the app unchanged. */
export type Route =
  | { screen: 'sign-in' }
  | { screen: 'home' }
  | { screen: 'profile' }
  | { screen: 'order'; orderId: string }
  | { screen: 'not-found'; hash: string };

/** Where a signed-in visitor lands. */
export const LANDING_HASH = '#/home';
export const SIGN_IN_HASH = '#/sign-in';

export function routeOf(hash: string): Route {
  if (hash === '' || hash === '#' || hash === '#/' || hash === LANDING_HASH) return { screen: 'home' };
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
