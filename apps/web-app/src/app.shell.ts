import { LANDING_HASH, type Route, routeOf, SIGN_IN_HASH } from './app.routes';
import type { WebBffClient } from './api/web-bff.client';
import { WebBffError } from './api/web-bff.error';
import type { SessionView } from './api/web-bff.types';
import { orderScreen } from './screens/order.screen';
import { homeScreen } from './screens/home.screen';
import { profileScreen } from './screens/profile.screen';
import type { Screen, ScreenContext } from './screens/screen';
import { signInScreen } from './screens/sign-in.screen';
import type { SessionStore } from './session/session.store';
import { el, errorBox } from './ui/elements';

const APP_NAME = 'BFF Shop';

/**
 * The page around the screens: a header (who is signed in, sign-out) and one screen at a time, chosen
 * by the URL's hash. Signed out, every screen but sign-in shows the sign-in form; a 401 from any call
 * (the session expired or was cleared elsewhere) does the same.
 */
export class AppShell {
  private readonly header = el('header', { class: 'top' });
  private readonly main = el('main', { id: 'screen', tabindex: -1 });
  /** Said once on the next sign-in screen ("You have signed out."). */
  private notice: string | undefined;
  /** Bumped on every render, so that a slow answer for a screen already left is dropped. */
  private renders = 0;

  private readonly context: ScreenContext;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: WebBffClient,
    private readonly session: SessionStore,
  ) {
    this.context = {
      api,
      signedIn: (view: SessionView) => {
        this.session.set(view);
        // Back where the visitor was headed, or to the landing screen.
        if (routeOf(location.hash).screen === 'sign-in') location.hash = LANDING_HASH;
        else void this.render();
      },
      retitle: (title: string) => {
        document.title = `${title} · ${APP_NAME}`;
      },
    };
  }

  async start(): Promise<void> {
    this.root.replaceChildren(this.header, this.main);
    this.main.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    try {
      // The cookie may still hold a session from before this page load; only web-bff can tell.
      const view = await this.api.currentSession();
      if (view) this.session.set(view);
    } catch (error) {
      this.notice = error instanceof WebBffError ? error.message : 'Could not check the session.';
    }
    window.addEventListener('hashchange', () => void this.render());
    await this.render();
  }

  private async render(): Promise<void> {
    const render = ++this.renders;
    const route = routeOf(location.hash);
    this.renderHeader();
    if (!this.session.current) return this.show(signInScreen(this.context, this.takeNotice()));
    if (route.screen === 'sign-in') {
      location.replace(LANDING_HASH);
      return;
    }
    this.main.replaceChildren(el('p', { class: 'muted', role: 'status' }, 'Loading…'));
    try {
      const screen = await this.screenFor(route);
      if (render === this.renders) this.show(screen);
    } catch (error) {
      if (render !== this.renders) return;
      if (error instanceof WebBffError && error.statusCode === 401) {
        this.session.clear();
        this.notice = 'Your session has ended. Please sign in again.';
        return this.render();
      }
      this.show({
        title: 'Something went wrong',
        content: error instanceof WebBffError ? errorBox(error.message, error.details) : errorBox('Something went wrong showing this screen.'),
      });
    }
  }

  private screenFor(route: Exclude<Route, { screen: 'sign-in' }>): Promise<Screen> {
    switch (route.screen) {
      case 'home':
        return homeScreen(this.context);
      case 'profile':
        return profileScreen(this.context);
      case 'order':
        return orderScreen(this.context, route.orderId);
      case 'not-found':
        return Promise.resolve({
          title: 'Not found',
          content: el('section', {}, el('h1', {}, 'Not found'), el('p', {}, el('a', { href: LANDING_HASH }, 'Go to the home screen'))),
        });
    }
  }

  private show(screen: Screen): void {
    this.context.retitle(screen.title);
    this.main.replaceChildren(screen.content);
  }

  private renderHeader(): void {
    const view = this.session.current;
    const brand = el('a', { class: 'brand', href: view ? LANDING_HASH : SIGN_IN_HASH }, APP_NAME);
    if (!view) return this.header.replaceChildren(brand);
    this.header.replaceChildren(
      brand,
      el('nav', { 'aria-label': 'Main' }, el('a', { href: LANDING_HASH }, 'Home'), el('a', { href: '#/profile' }, 'Profile')),
      el('span', { class: 'who muted' }, view.user.email ?? view.user.id),
      this.signOutButton(),
    );
  }

  private signOutButton(): HTMLButtonElement {
    const button = el('button', { type: 'button', class: 'secondary' }, 'Sign out');
    button.addEventListener('click', () => {
      button.disabled = true;
      this.api.logout().then(
        () => this.signedOut('You have signed out.'),
        (error: unknown) => {
          // 401: the session was already gone; the visitor is signed out either way.
          if (error instanceof WebBffError && error.statusCode === 401) return this.signedOut('You have signed out.');
          button.disabled = false;
          this.main.prepend(error instanceof WebBffError ? errorBox(error.message, error.details) : errorBox('Signing out failed.'));
        },
      );
    });
    return button;
  }

  private signedOut(notice: string): void {
    this.session.clear();
    this.notice = notice;
    if (location.hash === SIGN_IN_HASH) void this.render();
    else location.hash = SIGN_IN_HASH;
  }

  private takeNotice(): string | undefined {
    const notice = this.notice;
    this.notice = undefined;
    return notice;
  }
}
