import { avatarPath, avatarSvg, initialsOf, productPicturePath, productSvg } from './seed.pictures';
import { seedProduct } from './product.seed';
import { seedUser } from './user.seed';

describe('seed pictures', () => {
  it('gives every seed user and product a picture path under the asset base, no outside host', () => {
    expect(seedUser(42).avatarUrl).toBe(avatarPath('u42'));
    expect(avatarPath('u42')).toBe('/images/avatars/u42.svg');
    expect(seedProduct(3)).toMatchObject({ imageUrl: '/images/products/p3/image.svg', thumbnailUrl: '/images/products/p3/thumb.svg' });
    expect(productPicturePath('p3', 'thumb')).toBe('/images/products/p3/thumb.svg');
  });

  it('draws an avatar as the initials on a colour that is the same for the same user every time', () => {
    const svg = avatarSvg('u42', 'Linus Perlman');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="128" height="128"/);
    expect(svg).toContain('>LP</text>');
    expect(avatarSvg('u42', 'Linus Perlman')).toBe(svg);
    expect(avatarSvg('u43', 'Linus Perlman')).not.toBe(svg);
  });

  it('puts what a user typed into the picture as text, never as markup', () => {
    const svg = avatarSvg('u1', '<script>alert(1)</script> "x"');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('aria-label="&#60;script&#62;alert(1)&#60;/script&#62; &#34;x&#34;"');
  });

  it('draws a product picture with its name, and a thumbnail with its initials', () => {
    expect(productSvg('p3', 'Studio Kettle 3', 'image')).toMatch(/width="480" height="360".*>Studio Kettle 3<\/text>/);
    expect(productSvg('p3', 'Studio Kettle 3', 'thumb')).toMatch(/width="96" height="96".*>SK<\/text>/);
  });

  it('takes initials from the first and last word, leaving numbers out', () => {
    expect(initialsOf('Linus Perlman')).toBe('LP');
    expect(initialsOf('  Grace  Brewster Hopper ')).toBe('GH');
    expect(initialsOf('Ada')).toBe('A');
    expect(initialsOf('élodie ünal')).toBe('ÉÜ');
    expect(initialsOf('')).toBe('?');
  });
});
