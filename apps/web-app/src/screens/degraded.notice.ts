import { el } from '../ui/elements';

const MESSAGES: Record<string, string> = {
  recommendations: 'Recommendations are unavailable right now.',
  products: 'Some product details may be out of date.',
};

/** What the visitor reads for a part web-bff left out or served stale (`meta.degraded`). */
export function degradedMessage(part: string): string {
  return MESSAGES[part] ?? `Part of this page (${part}) is unavailable right now.`;
}

/**
 * The notice a screen shows above a partial answer: the rest of the screen is there and usable, so it
 * is a status, not an error. Nothing when the answer is whole.
 */
export function degradedNotice(parts: readonly string[]): HTMLElement | null {
  if (parts.length === 0) return null;
  return el('div', { class: 'notice degraded', role: 'status' }, ...parts.map((part) => el('p', {}, degradedMessage(part))));
}
