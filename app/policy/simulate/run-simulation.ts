import type { Policy } from '../policy-schema';
import type { ReturnContext } from '../return-context';
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
};

export type SimulationRun = {
  /** Orders listed; those gone by the time their context was read are left out of `results`. */
  orderCount: number;
  /** One list per policy, in the order of `policies`, each over the very same Shopify answers. */
  results: SimulatedOrder[][];
};

/**
 * Replays the policy over a store's recent orders as if every shopper asked today. Each order's
 * return context is read once, whatever the number of policies, so a comparison costs no more
 * Shopify calls than a single run; the adapter waits for Shopify's bucket between them.
 */
export async function runSimulation(input: SimulationInput): Promise<SimulationRun> {
  const ids: string[] = [];
  for await (const page of input.orderIds.listOrderIdsSince(input.since)) ids.push(...page);
  const results: SimulatedOrder[][] = input.policies.map(() => []);
  input.onProgress?.(0, ids.length);
  for (const [index, orderId] of ids.entries()) {
    const context = await input.contexts.getReturnContext(orderId);
    if (context) {
      input.policies.forEach((policy, i) => {
        results[i]!.push(simulateOrder({ context, policy, now: input.now, timeZone: input.timeZone }));
      });
    }
    input.onProgress?.(index + 1, ids.length);
  }
  return { orderCount: ids.length, results };
}
