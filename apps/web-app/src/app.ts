// The single-page app on web-bff: reads where web-bff is, then hands the page to the shell.
import './styles.css';
import { AppShell } from './app.shell';
import { WebBffClient } from './api/web-bff.client';
import { BffUrlError, resolveBffUrl } from './config/bff-url';
import { SessionStore } from './session/session.store';
import { errorBox } from './ui/elements';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

try {
  const bffUrl = resolveBffUrl({ runtime: window.webAppConfig?.bffUrl, buildTime: import.meta.env.VITE_BFF_URL, page: location });
  const session = new SessionStore();
  void new AppShell(root, new WebBffClient(bffUrl, session), session).start();
} catch (error) {
  if (!(error instanceof BffUrlError)) throw error;
  root.replaceChildren(errorBox(error.message, 'Check config.js or VITE_BFF_URL'));
}
