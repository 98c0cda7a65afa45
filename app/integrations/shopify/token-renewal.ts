/** A token as the portal holds it: when it was asked for, and when Shopify said it expires. */
export type HeldToken = { value: string; obtainedAt: Date; expiresAt: Date | null };

/** At most this long before expiry: a 24-hour token is renewed 5 minutes early. */
export const MAX_RENEWAL_MARGIN_MS = 5 * 60_000;

/**
 * When a token should be replaced: a tenth of its lifetime before it expires, at most five
 * minutes before. The margin covers a slow request and clock drift, so a call never leaves with a
 * token that dies on the way; a short-lived token (tests, or a shop that shortens them) keeps most
 * of its life. `null`: a token with no expiry (a legacy custom app's) is never renewed by time.
 */
export function renewalTime(token: HeldToken): Date | null {
  if (!token.expiresAt) return null;
  const lifetimeMs = Math.max(0, token.expiresAt.getTime() - token.obtainedAt.getTime());
  return new Date(token.expiresAt.getTime() - Math.min(MAX_RENEWAL_MARGIN_MS, lifetimeMs / 10));
}

/** Whether `token` must be replaced before it is used at `now` (no token yet counts). */
export function needsRenewal(token: HeldToken | null, now: Date): boolean {
  if (!token) return true;
  const renewAt = renewalTime(token);
  return renewAt !== null && now.getTime() >= renewAt.getTime();
}
