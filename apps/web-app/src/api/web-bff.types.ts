import type { Order, OrderItem, Product, User } from '@bff/contracts';

// What web-bff answers (its presenters, apps/web-bff/src/*/*.presenter.ts), restated here because an
// app never imports another app. The downstream parts come from @bff/contracts, as types only: no
// schema code reaches the bundle.

/** `POST /api/auth/login` and `GET /api/auth/session`: the session, never the token. */
export interface SessionView {
  user: { id: string; email: string | null; roles: string[] };
  /** ISO-8601; after it the cookie no longer signs anyone in. */
  expiresAt: string;
  /** Sent back as `X-CSRF-Token` on every change; kept in memory only. */
  csrfToken: string | null;
}

export interface WebOrderItem extends OrderItem {
  /** null only if the catalog no longer has the product. */
  product: Product | null;
}

export interface WebOrder extends Omit<Order, 'items'> {
  items: WebOrderItem[];
}

/** `GET /api/profile`: the user and their 10 most recent orders, newest first. */
export interface WebProfile {
  user: User;
  orders: WebOrder[];
}

// Coming with issue 9's second part (web-bff does not serve them yet):
// - `GET /api/home` -> `{ user, recentOrders, recommendations, meta: { degraded: string[] } }` (+ X-Degraded)
// - `PATCH /api/profile` `{ name }`
// Their types go here, next to the screens' other payloads.
