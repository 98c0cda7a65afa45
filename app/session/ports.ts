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

/**
 * A session whose row is written before anyone knows which order it will open: a lookup opens one
 * while Shopify is being asked, so the shopper's answer waits for no write once Shopify replies.
 * Its token never leaves the process until `bind`: an unbound row opens nothing.
 */
export interface PendingSession {
  /**
   * The order is known: the session and the cookie value that opens it, at once. `save` writes
   * the order onto the row and may run after the shopper has their answer; the cookie works
   * before it has.
   */
  bind(scope: NewShopperSession): { token: string; session: ShopperSession; save(): Promise<void> };
  /** The lookup failed: the row goes. */
  discard(): Promise<void>;
}

/** Server-side shopper sessions; the raw token lives only in the shopper's cookie. */
export interface SessionStore {
  /**
   * Opens a session for a known order (an agent's or a shopper's link).
   * @returns the cookie value (never stored) and the session.
   */
  create(input: NewShopperSession, now: Date): Promise<{ token: string; session: ShopperSession }>;
  /** Writes a session's row ahead of its order (see PendingSession). */
  open(now: Date): Promise<PendingSession>;
  /**
   * Resolves a cookie value. Returns null when the token is unknown, revoked, idle for too long
   * or past its absolute lifetime, or when its sealed order disagrees with the row's. A hit
   * refreshes `lastSeenAt`, at most once a minute.
   */
  get(token: string, now: Date): Promise<ShopperSession | null>;
  /** Ends the session for good (sign-out); unknown tokens are ignored. */
  revoke(token: string, now: Date): Promise<void>;
}
