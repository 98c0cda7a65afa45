import { isUpstreamError, type UpstreamError } from '~/utils/upstream-error';
import { log } from '~/utils/log.server';
import { needsRenewal, type HeldToken } from './token-renewal';

/** Where the Admin API token of each call comes from. */
export type AccessTokenSource = {
  /** A token to use now: the one held, or a fresh one when it is missing or about to expire. */
  current(): Promise<string>;
  /**
   * Shopify answered 401 to `rejected`: a fresh token (one renewal, shared by every caller that saw
   * the same rejection), or null when these credentials cannot be renewed (a fixed token).
   */
  renewAfterRejection(rejected: string): Promise<string | null>;
};

/** A legacy custom app's token: fixed, never renewed. */
export const createFixedTokenSource = (token: string): AccessTokenSource => ({
  current: async () => token,
  renewAfterRejection: async () => null,
});

/** What one grant returned: the token and how long Shopify said it lives (null: no expiry given). */
export type GrantedToken = { value: string; lifetimeMs: number | null };

/** After Shopify refuses the credentials themselves, calls fail fast this long instead of asking again. */
const REFUSAL_HOLD_MS = 60_000;

/**
 * Tokens from the client credentials grant, kept in memory. A token is renewed before it expires
 * (see token-renewal.ts) or after Shopify rejects it; concurrent callers share one grant request.
 * When Shopify refuses the client id or secret, the error is kept for a minute, so a busy portal
 * with a wrong secret does not hammer the token endpoint.
 * @param grant asks Shopify for a token; throws UpstreamError.
 */
export function createGrantedTokenSource(deps: {
  grant: () => Promise<GrantedToken>;
  shop: string;
  clock?: () => Date;
}): AccessTokenSource {
  const clock = deps.clock ?? (() => new Date());
  let held: HeldToken | null = null;
  let pending: Promise<HeldToken> | null = null;
  let refusal: { error: UpstreamError; until: number } | null = null;

  async function obtain(reason: 'first' | 'expiring' | 'rejected'): Promise<HeldToken> {
    if (refusal && clock().getTime() < refusal.until) throw refusal.error;
    const obtainedAt = clock();
    try {
      const granted = await deps.grant();
      // Counted from before the request, so the network time is taken off the token's life, not added.
      const expiresAt = granted.lifetimeMs === null ? null : new Date(obtainedAt.getTime() + granted.lifetimeMs);
      refusal = null;
      log.info('shopify.token_obtained', { shop: deps.shop, reason, expiresInSeconds: granted.lifetimeMs === null ? null : Math.round(granted.lifetimeMs / 1000) });
      return { value: granted.value, obtainedAt, expiresAt };
    } catch (error) {
      if (isUpstreamError(error) && !error.retryable) refusal = { error, until: clock().getTime() + REFUSAL_HOLD_MS };
      throw error;
    }
  }

  function renew(reason: 'first' | 'expiring' | 'rejected'): Promise<HeldToken> {
    pending ??= obtain(reason)
      .then((token) => (held = token))
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return {
    async current() {
      if (held && !needsRenewal(held, clock())) return held.value;
      const expiring = held;
      try {
        return (await renew(expiring ? 'expiring' : 'first')).value;
      } catch (error) {
        // Renewal is early on purpose: while the old token still lives, a failed grant costs nothing yet.
        if (expiring?.expiresAt && expiring.expiresAt.getTime() > clock().getTime()) return expiring.value;
        throw error;
      }
    },
    async renewAfterRejection(rejected) {
      // Another caller already replaced the rejected token: use theirs.
      if (held && held.value !== rejected) return held.value;
      held = null;
      return (await renew('rejected')).value;
    },
  };
}
