import { z } from 'zod';
import type { CustomerOrders } from '~/orders/customer-orders';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { CUSTOMER_ORDERS_QUERY } from './customer-orders-queries';
import { OrderNodeSchema, toOrder } from './order-schema';
import type { ThrottleGate } from './throttle.server';

// The sidebar asks for no returns (they would double its cost): the order page's schema, less those.
const SidebarOrderSchema = OrderNodeSchema.extend({ returns: OrderNodeSchema.shape.returns.default({ nodes: [] }) });
const DataSchema = z.object({ orders: z.object({ nodes: z.array(SidebarOrderSchema) }) });

/**
 * A customer's latest orders by email, one Admin API call (ComptoirCustomerOrders). Shopify's
 * `email:` filter is the search index's; the email is compared again exactly, as lookups do.
 */
export function createShopifyCustomerOrders(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): CustomerOrders {
  const call = createAdminCaller(deps);
  return {
    async listRecentOrders(email, limit) {
      const query = `email:"${email.replace(/["\\]/g, '\\$&')}"`;
      const data = await call(CUSTOMER_ORDERS_QUERY, { query, first: limit }, DataSchema);
      return data.orders.nodes.filter((node) => node.email?.toLowerCase() === email.toLowerCase()).map(toOrder);
    },
  };
}
