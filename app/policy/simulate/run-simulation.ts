import type { CatalogProduct, CatalogSource } from '~/catalog/ports';
import type { OrderSource } from '~/orders/ports';
import type { Policy } from '../policy-schema';
import type { ReturnContext } from '../return-context';
import { simulateActions, type SimulatedActions } from './simulate-actions';
import { simulateOrder, type SimulatedOrder } from './simulate-order';

/** Where the simulator finds orders: Shopify's order list, a page at a time. */
export type OrderIdSource = {
  /** Ids of orders created on or after `since` (YYYY-MM-DD, store calendar), oldest first. */
  listOrderIdsSince(since: string): AsyncIterable<string[]>;
};

/** The same one-call read a shopper's return starts with (ShopifyReturns implements it). */
export type ReturnContextSource = { getReturnContext(orderId: string): Promise<ReturnContext | null> };

export type SimulationInput = {
  orderIds: OrderIdSource;
  contexts: ReturnContextSource;
  /** The policy to report on, then optionally the one to compare it with. */
  policies: Policy[];
  since: string;
  now: Date;
  timeZone: string;
  onProgress?: (done: number, total: number) => void;
  /** The store's catalog now: when given, each returnable line's exchange options are counted. */
  catalog?: CatalogSource;
  /** The order as the order page reads it: when given, cancellation, address change and problem reports are decided too. */
  orders?: Pick<OrderSource, 'getOrder'>;
};

export type SimulationRun = {
  /** Orders listed; those gone by the time their context was read are left out of `results`. */
  orderCount: number;
  /** One list per policy, in the order of `policies`, each over the very same Shopify answers. */
  results: SimulatedOrder[][];
  /** Likewise, what the order page would offer besides a return; null when orders were not read. */
  actions: SimulatedActions[][] | null;
};

/** The exchange catalog of each product on the order, within the policy's reach (the source caches). */
async function readCatalog(source: CatalogSource, context: ReturnContext, policy: Policy): Promise<Map<string, CatalogProduct[]>> {
  const catalog = new Map<string, CatalogProduct[]>();
  if (!policy.exchanges) return catalog;
  for (const line of context.lines) {
    if (!line.productId || catalog.has(line.productId)) continue;
    const { product, others } = await source.exchangeCatalog({ id: line.productId, productType: line.productType }, policy.exchanges.acrossProducts.among);
    catalog.set(line.productId, product ? [product, ...others] : others);
  }
  return catalog;
}

/**
 * Replays the policy over a store's recent orders as if every shopper asked today. Each order's
 * return context (and, with `orders`, the order itself) is read once, whatever the number of
 * policies, so a comparison costs no more Shopify calls than a single run; the adapter waits for
 * Shopify's bucket between them.
 */
export async function runSimulation(input: SimulationInput): Promise<SimulationRun> {
  const ids: string[] = [];
  for await (const page of input.orderIds.listOrderIdsSince(input.since)) ids.push(...page);
  const results: SimulatedOrder[][] = input.policies.map(() => []);
  const actions: SimulatedActions[][] | null = input.orders ? input.policies.map(() => []) : null;
  input.onProgress?.(0, ids.length);
  for (const [index, orderId] of ids.entries()) {
    const context = await input.contexts.getReturnContext(orderId);
    if (context) {
      for (const [i, policy] of input.policies.entries()) {
        const catalog = input.catalog ? await readCatalog(input.catalog, context, policy) : undefined;
        results[i]!.push(simulateOrder({ context, policy, now: input.now, timeZone: input.timeZone, catalog }));
      }
      // One after the other, as the contexts are: the gate paces calls it sees in turn, not at once.
      const order = input.orders ? await input.orders.getOrder(orderId) : null;
      if (order) input.policies.forEach((policy, i) => actions![i]!.push(simulateActions({ order, policy, now: input.now, timeZone: input.timeZone })));
    }
    input.onProgress?.(index + 1, ids.length);
  }
  return { orderCount: ids.length, results, actions };
}
