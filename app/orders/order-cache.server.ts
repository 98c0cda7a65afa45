import { LRUCache } from 'lru-cache';
import type { OrderSource } from './ports';
import type { Order } from './types';

export type CachedOrderSource = OrderSource & {
  /** Drops an order so its next read goes to Shopify (webhooks call this). */
  invalidate(id: string): void;
};

/**
 * Keeps orders briefly after a lookup, so the order page that follows — and a revisit within the
 * window — costs no Shopify call. Shopify stays the source of truth; the window is short.
 */
export function createCachedOrderSource(
  source: OrderSource,
  options: { ttlMs: number; max?: number },
): CachedOrderSource {
  const cache = options.ttlMs > 0 ? new LRUCache<string, Order>({ max: options.max ?? 5_000, ttl: options.ttlMs }) : null;
  return {
    async findOrderForShopper(query) {
      const order = await source.findOrderForShopper(query);
      if (order) cache?.set(order.id, order);
      return order;
    },
    async getOrder(id) {
      const cached = cache?.get(id);
      if (cached) return cached;
      const order = await source.getOrder(id);
      if (order) cache?.set(id, order);
      return order;
    },
    invalidate(id) {
      cache?.delete(id);
    },
  };
}
