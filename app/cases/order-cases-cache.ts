import type { Case, CaseStore } from './case-store';

/** How long one process shows an order's case list without reading it again. */
export const ORDER_CASES_CACHE_MS = 2_000;

/** The order page's view of an order's cases, read through a short per-process cache. */
export interface OrderCaseList {
  list(orderId: string, now: Date): Promise<Case[]>;
  /**
   * Any other read the order page derives from the order's cases (what can still be returned, for
   * one), kept and emptied with the case lists: `key` must name the order and every other input.
   */
  remember<T>(key: string, now: Date, read: () => Promise<T>): Promise<T>;
}

// What only reads; any other method (today's writes, and whatever is added later) empties the cache.
const READS = new Set<keyof CaseStore>([
  'getCase',
  'findCaseByIdempotencyKey',
  'listCasesByCustomer',
  'listCasesForOrder',
  'findCaseByShopifyReturnId',
  'findCaseByProviderReturnId',
  'listEvents',
  'countReturnsByCustomerSince',
  'getReturnHistory',
]);

/*
 * The order page reads every case of the order on each view; a shopper reloading it, or a chat
 * panel re-rendering it, needs no fresh read each time. Only that page reads through the cache:
 * deciding a return (which lines are still returnable), photo access and the jobs keep reading the
 * store itself. A write through `store` in this process empties the cache at once, so the case a
 * shopper just sent is on the page they come back to; a change made by another process (a worker,
 * another portal) shows within `ttlMs`. Freshness is measured on the `now` each call receives.
 */
export function withOrderCaseListCache(
  store: CaseStore,
  options: { ttlMs?: number; maxEntries?: number } = {},
): { store: CaseStore; orderCases: OrderCaseList } {
  const ttlMs = options.ttlMs ?? ORDER_CASES_CACHE_MS;
  const maxEntries = options.maxEntries ?? 5_000;
  const entries = new Map<string, { value: unknown; readAt: number }>();
  // Bumped around every write: a read that overlapped one must not be kept.
  let writes = 0;
  const forget = () => {
    writes += 1;
    entries.clear();
  };

  const wrapped = { ...store };
  for (const name of Object.keys(store) as (keyof CaseStore)[]) {
    if (READS.has(name)) continue;
    const write = store[name] as (...args: unknown[]) => Promise<unknown>;
    (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      forget();
      try {
        return await write.apply(store, args);
      } finally {
        forget();
      }
    };
  }

  return {
    store: wrapped,
    orderCases: {
      list: (orderId, now) => remember(`cases:${orderId}`, now, () => store.listCasesForOrder(orderId)),
      remember,
    },
  };

  async function remember<T>(key: string, now: Date, read: () => Promise<T>): Promise<T> {
    const at = now.getTime();
    const entry = entries.get(key);
    if (entry && at - entry.readAt >= 0 && at - entry.readAt < ttlMs) return entry.value as T;
    const seen = writes;
    const value = await read();
    if (seen === writes) {
      entries.delete(key);
      entries.set(key, { value, readAt: at });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return value;
  }
}
