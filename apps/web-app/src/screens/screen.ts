import type { WebBffClient } from '../api/web-bff.client';

/** What a screen may use: the API, and the app's reaction to a new title. */
export interface ScreenContext {
  api: WebBffClient;
  /** Changes the document title of the screen on show, e.g. after a rename. */
  retitle(title: string): void;
}

/** A rendered screen: its content, and the document title to show with it. */
export interface Screen {
  title: string;
  content: HTMLElement;
}
