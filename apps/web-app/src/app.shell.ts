import { LANDING_HASH, type Route, routeOf, SIGN_IN_HASH } from './app.routes';
import type { WebBffClient } from './api/web-bff.client';
import { WebBffError } from './api/web-bff.error';
import { orderScreen } from './screens/order.screen';
import { homeScreen } from './screens/home.screen';
import { profileScreen } from './screens/profile.screen';
import type { Screen, ScreenContext } from './screens/screen';
import { signInScreen } from './screens/sign-in.screen';
import { returnToOf, signInErrorOf } from './session/sign-in.return';
import type { SessionStore } from './session/session.store';
import { el, errorBox } from './ui/elements';

const APP_NAME = 'BFF Shop';

/**
 * The page around the screens: a header (who is signed in, sign-out) and one screen at a time, chosen
 * by the URL's hash. Signed out, every screen shows the sign-in screen, which sends the browser to the
 * identity provider through web-bff. A 401 from any call while signed in (the session ended: signed out
 * elsewhere, revoked, its refresh refused) goes to sign in again at once, back to the same screen after.
 */
export class AppShell {
  private readonly header = el('header', { class: 'top' });
  private readonly main = el('main', { id: 'screen', tabindex: -1 });
  /** Said once on the next sign-in screen ("You have signed out."). */
  private notice: string | undefined;
  /** Why the last sign-in did not work, from web-bff's `?signInError=`; said once. */
  private signInError: string | undefined;
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
      retitle: (title: string) => {
        document.title = `${title} · ${APP_NAME}`;
      },
    };
    api.onSessionEnded = () => this.signInAgain();
  }

  async start(): Promise<void> {
    this.signInError = signInErrorOf(location.search);
    // Said once: a reload or a bookmark must not repeat it.
    if (this.signInError !== undefined) history.replaceState(history.state, '', `${location.pathname}${location.hash}`);
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
    if (!this.session.current) {
      const error = this.signInError;
      this.signInError = undefined;
      return this.show(signInScreen(this.context, { notice: this.takeNotice(), error, returnTo: returnToOf(location) }));
    }
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
      // The session ended: the client has sent the browser to sign in again (signInAgain).
      if (error instanceof WebBffError && error.statusCode === 401) return;
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
        ({ endSessionUrl }) => {
          this.session.clear();
          // Signed out at the provider too: it comes back to the app's root, signed out.
          if (endSessionUrl) location.assign(endSessionUrl);
          else this.signedOut('You have signed out.');
        },
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

  /** The session ended under the page: sign in again at the provider, then back to this same screen. */
  private signInAgain(): void {
    this.session.clear();
    location.assign(this.api.signInUrl(returnToOf(location)));
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
