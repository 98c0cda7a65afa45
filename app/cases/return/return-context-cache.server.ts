import { LRUCache } from 'lru-cache';
import type { ReturnContext } from '~/policy/return-context';
import type { ShopifyReturns } from '../ports';

/*
 * A shopper reads the return form, reviews, then sends: three requests over a few minutes that
 * need the same returnable units. Keeping Shopify's answer for a while means the send itself
 * never waits for Shopify. Staleness is covered where it matters: units in Comptoir's own cases
 * are taken off (see pending-units.ts), and Shopify refuses a return of units already returned,
 * which the worker turns into a case for review, never a lost one.
 */
const TTL_MS = 10 * 60_000;

export type CachedShopifyReturns = ShopifyReturns & {
  /** Drops an order's returnable units (a Shopify webhook says its returns changed). */
  invalidate(orderId: string): void;
};

export function createCachedReturnContexts(inner: ShopifyReturns, options: { ttlMs?: number; now?: () => Date } = {}): CachedShopifyReturns {
  const now = options.now ?? (() => new Date());
  const cache = new LRUCache<string, ReturnContext>({ max: 5_000, ttl: options.ttlMs ?? TTL_MS });
  return {
    ...inner,
    async getReturnContext(orderId) {
      const cached = cache.get(orderId);
      if (cached) return cached;
      const readAt = now();
      const context = await inner.getReturnContext(orderId);
      if (context) cache.set(orderId, { ...context, readAt });
      return context && { ...context, readAt };
    },
    invalidate(orderId) {
      cache.delete(orderId);
    },
  };
}
