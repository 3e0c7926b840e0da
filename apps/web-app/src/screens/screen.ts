import type { WebBffClient } from '../api/web-bff.client';
import type { SessionView } from '../api/web-bff.types';

/** What a screen may use: the API, and the app's reactions to a new session and a new title. */
export interface ScreenContext {
  api: WebBffClient;
  /** Called by the sign-in screen once web-bff has set the session cookie. */
  signedIn(view: SessionView): void;
  /** Changes the document title of the screen on show, e.g. after a rename. */
  retitle(title: string): void;
}

/** A rendered screen: its content, and the document title to show with it. */
export interface Screen {
  title: string;
  content: HTMLElement;
}
