// The seed data is deterministic, so u42's screens can be named exactly.

/**
 * Where the services point the seed pictures in these specs (ASSET_BASE_URL, as for a CDN), so that
 * their URLs can be named before the services have ports. Unset, each service answers its own address
 * (the browser test runs so, and loads every picture).
 */
export const ASSET_BASE_URL = 'https://images.example.com';

/** The sample services' environment for specs that name seed pictures. */
export const seedServiceEnv = { FAULT_INJECTION: 'on', ASSET_BASE_URL };

export const thumbnailOf = (productId: string): string => `${ASSET_BASE_URL}/images/products/${productId}/thumb.svg`;

export const u42 = {
  id: 'u42',
  name: 'Linus Perlman',
  email: 'linus.perlman.42@example.com',
  avatarUrl: `${ASSET_BASE_URL}/images/avatars/u42.svg`,
  tier: 'standard',
  createdAt: '2023-09-01T16:10:31.045Z',
};

/** The first product of u42's newest order (o42-1: 2 of them at 59.81). */
export const studioKettle3 = {
  id: 'p3',
  name: 'Studio Kettle 3',
  description: 'Studio Kettle 3, made of recycled aluminium. Seed product for local runs and tests.',
  price: 59.81,
  currency: 'USD',
  imageUrl: `${ASSET_BASE_URL}/images/products/p3/image.svg`,
  thumbnailUrl: thumbnailOf('p3'),
};
