// The seed data is deterministic, so u42's screens can be named exactly.

export const u42 = {
  id: 'u42',
  name: 'Linus Perlman',
  email: 'linus.perlman.42@example.com',
  avatarUrl: 'https://cdn.example.com/avatars/u42.png',
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
  imageUrl: 'https://cdn.example.com/products/p3/image.jpg',
  thumbnailUrl: 'https://cdn.example.com/products/p3/thumb.jpg',
};
