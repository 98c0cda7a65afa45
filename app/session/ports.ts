/** A verified shopper's access to exactly one order. */
export interface ShopperSession {
  /** sha256 hex of the token; safe to log or store, useless as a credential. */
  id: string;
  /** Shopify order GID the session is scoped to. */
  orderId: string;
  /** Display name such as `#1001`. */
  orderName: string;
  /** The Gorgias ticket of the link the shopper came from; null after a plain lookup. */
  ticketId: number | null;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface NewShopperSession {
  orderId: string;
  orderName: string;
  /** Set when an agent's link opened the session: the case it opens goes on that ticket. */
  ticketId?: number | null;
}

/** Server-side shopper sessions; the raw token lives only in the shopper's cookie. */
export interface SessionStore {
  /**
   * Opens a session after a verified lookup.
   * @returns the raw token to put in the cookie (never stored) and the session.
   */
  create(input: NewShopperSession, now: Date): Promise<{ token: string; session: ShopperSession }>;
  /**
   * Resolves a cookie token. Returns null when the token is unknown, revoked, idle for too long
   * or past its absolute lifetime. A hit refreshes `lastSeenAt`, at most once a minute.
   */
  get(token: string, now: Date): Promise<ShopperSession | null>;
  /** Ends the session for good (sign-out); unknown tokens are ignored. */
  revoke(token: string, now: Date): Promise<void>;
}
