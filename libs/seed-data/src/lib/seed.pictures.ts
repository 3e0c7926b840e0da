import { seededRandom } from './seed.random';

// The seed data's pictures, drawn as SVG from the id and name, so that every user and product has
// one without a file in the repository or a CDN. Seed records hold these paths; a service answers
// them as URLs under its asset base (ASSET_BASE_URL, by default the service itself) and serves them.

/** `/images/avatars/u42.svg`: where a user's avatar is, under the asset base. */
export const avatarPath = (userId: string): string => `/images/avatars/${userId}.svg`;

/** `/images/products/p3/image.svg` (480 x 360) and `/images/products/p3/thumb.svg` (96 x 96). */
export const productPicturePath = (productId: string, size: ProductPictureSize): string => `/images/products/${productId}/${size}.svg`;

export type ProductPictureSize = 'image' | 'thumb';

/** Text for an SVG document: markup characters escaped, since names may be what a user typed. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** `Linus Perlman` as `LP`, `Studio Kettle 3` as `SK` (numbers left out); one word as its first letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word !== '' && !/^\d+$/.test(word));
  const first = Array.from(words[0] ?? '?')[0] ?? '?';
  const last = words.length > 1 ? (Array.from(words.at(-1) ?? '')[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A hue (0-359) that is always the same for the same id. */
const hueOf = (seed: string): number => Math.floor(seededRandom(seed)() * 360);

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';

/** A round avatar: the name's initials on a colour that follows from the user's id. */
export function avatarSvg(userId: string, name: string): string {
  const hue = hueOf(`avatar:${userId}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${escapeXml(name)}">` +
    `<circle cx="64" cy="64" r="64" fill="hsl(${hue} 55% 42%)"/>` +
    `<text x="64" y="64" dy=".35em" text-anchor="middle" ${FONT} font-size="50" font-weight="600" fill="#fff">${escapeXml(initialsOf(name))}</text>` +
    '</svg>'
  );
}

/** A product picture: its name (the image) or initials (the thumbnail) on a gradient that follows from its id. */
export function productSvg(productId: string, name: string, size: ProductPictureSize): string {
  const hue = hueOf(`product:${productId}`);
  const [width, height] = size === 'image' ? [480, 360] : [96, 96];
  const label =
    size === 'image'
      ? `<text x="240" y="180" dy=".35em" text-anchor="middle" ${FONT} font-size="34" font-weight="600" fill="#fff">${escapeXml(name)}</text>`
      : `<text x="48" y="48" dy=".35em" text-anchor="middle" ${FONT} font-size="36" font-weight="600" fill="#fff">${escapeXml(initialsOf(name))}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(name)}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 65% 60%)"/>` +
    `<stop offset="1" stop-color="hsl(${(hue + 40) % 360} 60% 38%)"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/>${label}</svg>`
  );
}
