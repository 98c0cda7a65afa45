import { z } from 'zod';
import type { OrderIdSource } from '~/policy/simulate/run-simulation';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { SIMULATION_ORDERS_QUERY, toCreatedSinceSearch } from './simulation-queries';
import type { ThrottleGate } from './throttle.server';

const OrdersPageSchema = z.object({
  orders: z.object({
    nodes: z.array(z.object({ id: z.string().min(1) })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

/** Order ids for the policy simulator, from the Shopify Admin GraphQL API. */
export function createShopifyOrderIdSource(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): OrderIdSource {
  const call = createAdminCaller(deps);
  return {
    /** Ids of orders created on or after a store-calendar date, a page (one call) at a time. @throws UpstreamError */
    async *listOrderIdsSince(since) {
      const query = toCreatedSinceSearch(since);
      let after: string | null = null;
      do {
        const { orders }: z.infer<typeof OrdersPageSchema> = await call(SIMULATION_ORDERS_QUERY, { after, query }, OrdersPageSchema);
        yield orders.nodes.map((node) => node.id);
        after = orders.pageInfo.hasNextPage ? orders.pageInfo.endCursor : null;
      } while (after);
    },
  };
}
