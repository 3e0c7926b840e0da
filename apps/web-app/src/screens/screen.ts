import type { WebBffClient } from '../api/web-bff.client';
import type { SessionView } from '../api/web-bff.types';

/** What a screen may use: the API, and the app's reaction to a new session. */
export interface ScreenContext {
  api: WebBffClient;
  /** Called by the sign-in screen once web-bff has set the session cookie. */
  signedIn(view: SessionView): void;
}

/** A rendered screen: its content, and the document title to show with it. */
export interface Screen {
  title: string;
  content: HTMLElement;
}
