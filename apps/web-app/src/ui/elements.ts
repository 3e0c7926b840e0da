type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * Builds an element: `el('a', { href: '#/profile' }, 'Profile')`. Text always goes in as text, never
 * as HTML, so names and descriptions from the API cannot inject markup. `false`, null and undefined
 * children are left out, as are attributes that are false or undefined.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.filter((child): child is Node | string | number => child !== null && child !== undefined && child !== false).map(asNode));
  return element;
}

const asNode = (child: Node | string | number): Node | string => (typeof child === 'number' ? String(child) : child);

/** An image that quietly gives way to its alt text's initial when it cannot load (offline, CDN down). */
export function picture(src: string, alt: string, className: string): HTMLElement {
  const image = el('img', { src, alt, class: className, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' });
  image.addEventListener('error', () => image.replaceWith(el('span', { class: `${className} placeholder`, 'aria-hidden': 'true' }, alt.charAt(0))), {
    once: true,
  });
  return image;
}

/** The alert a screen shows for a failed call: the API's message, then status and request id. */
export function errorBox(message: string, details?: string): HTMLElement {
  return el('div', { class: 'error', role: 'alert' }, el('p', {}, message), details ? el('p', { class: 'error-details' }, details) : null);
}
