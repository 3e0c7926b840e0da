import type { Order, OrderItem, Product, ResponseMeta, User } from '@bff/contracts';

// What web-bff answers (its presenters, apps/web-bff/src/*/*.presenter.ts), restated here because an
// app never imports another app. The downstream parts come from @bff/contracts, as types only: no
// schema code reaches the bundle.

/** `POST /api/auth/login` and `GET /api/auth/session`: the session, never the token. */
export interface SessionView {
  user: { id: string; email: string | null; roles: string[] };
  /** ISO-8601: when the session ends (web-bff refreshes its access tokens until then). */
  expiresAt: string;
  /** Sent back as `X-CSRF-Token` on every change; kept in memory only. */
  csrfToken: string | null;
}

/** What signing out answers: the identity provider's end-session URL, for the browser to sign out there too. */
export interface EndedSession {
  endSessionUrl: string | null;
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

/** `GET /api/home`: who is signed in, their 3 latest orders, and up to 6 products picked for them. */
export interface WebHome {
  user: Pick<User, 'id' | 'name' | 'avatarUrl' | 'tier'>;
  recentOrders: WebOrder[];
  /** Best first; empty when recommendation-service is slow or down (then `meta.degraded` names it). */
  recommendations: Array<{ score: number; product: Product }>;
  /** `degraded` names the parts missing or stale; the same names come in the `X-Degraded` header. */
  meta: ResponseMeta;
}
