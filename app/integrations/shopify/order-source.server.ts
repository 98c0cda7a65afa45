import { z } from 'zod';
import type { OrderSource } from '~/orders/ports';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { ORDER_BY_ID_QUERY, ORDER_LOOKUP_QUERY, toOrderSearch } from './order-queries';
import { OrderNodeSchema, toOrder } from './order-schema';
import type { ThrottleGate } from './throttle.server';

const LookupDataSchema = z.object({ orders: z.object({ nodes: z.array(OrderNodeSchema) }) });
const ByIdDataSchema = z.object({ order: OrderNodeSchema.nullable() });

/**
 * Orders from the Shopify Admin GraphQL API. Each method is exactly one API call; responses are
 * parsed with zod, so a shape we do not expect is an error here rather than a broken page later.
 */
export function createShopifyOrderSource(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): OrderSource {
  const call = createAdminCaller(deps);
  return {
    async findOrderForShopper({ orderNumber, email }) {
      const data = await call(ORDER_LOOKUP_QUERY, { query: toOrderSearch(orderNumber, email) }, LookupDataSchema);
      const node = data.orders.nodes[0];
      return node ? toOrder(node) : null;
    },
    async getOrder(id) {
      const data = await call(ORDER_BY_ID_QUERY, { id }, ByIdDataSchema);
      return data.order ? toOrder(data.order) : null;
    },
  };
}
