/** A shopper who leaves the tab for this long has to look the order up again. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** However active, a session ends after a day: it grants order access without a password. */
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
/** Every request reads the session; touching `last_seen_at` each time costs a write per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt?: Date | null;
}

export function isSessionActive(session: SessionTimes, now: Date): boolean {
  if (session.revokedAt) return false;
  const at = now.getTime();
  return (
    at - session.lastSeenAt.getTime() < SESSION_IDLE_MS &&
    at - session.createdAt.getTime() < SESSION_ABSOLUTE_MS
  );
}

/**
 * Skipping a touch shortens the idle window by at most the touch interval, which is
 * why the interval stays small next to SESSION_IDLE_MS.
 */
export function shouldTouchSession(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

/**
 * The order a session opens: the row's once it names one; before that (a lookup's row, written
 * while Shopify was asked) the cookie's sealed claim. A claim that disagrees with the row's order
 * opens nothing, and neither does an unbound row without a claim.
 */
export function sessionScope(
  row: { orderId: string | null; orderName: string | null },
  claim: { orderId: string; orderName: string } | null,
): { orderId: string; orderName: string } | null {
  if (row.orderId !== null && row.orderName !== null) {
    return claim && claim.orderId !== row.orderId ? null : { orderId: row.orderId, orderName: row.orderName };
  }
  return claim;
}
