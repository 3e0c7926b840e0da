import { routeOf } from './app.routes';

describe('routeOf', () => {
  it('opens the home screen for the bare address, and each screen for its hash', () => {
    expect(routeOf('')).toEqual({ screen: 'home' });
    expect(routeOf('#/')).toEqual({ screen: 'home' });
    expect(routeOf('#/home')).toEqual({ screen: 'home' });
    expect(routeOf('#/profile')).toEqual({ screen: 'profile' });
    expect(routeOf('#/sign-in')).toEqual({ screen: 'sign-in' });
    expect(routeOf('#/orders/o42-1')).toEqual({ screen: 'order', orderId: 'o42-1' });
  });

  it('says "not found" for anything else, rather than guessing', () => {
    expect(routeOf('#/orders/')).toEqual({ screen: 'not-found', hash: '#/orders/' });
    expect(routeOf('#/orders/%E0%A4%A')).toEqual({ screen: 'not-found', hash: '#/orders/%E0%A4%A' });
    expect(routeOf('#/admin')).toEqual({ screen: 'not-found', hash: '#/admin' });
  });
});
