import { z } from 'zod';
import type { OrderSource } from '~/orders/ports';
import { UpstreamError } from '~/utils/upstream-error';
import type { ShopifyGraphqlClient } from './client.server';
import { readCost, toUpstreamError } from './errors.server';
import { ORDER_BY_ID_QUERY, ORDER_LOOKUP_QUERY, toOrderSearch } from './order-queries';
import { OrderNodeSchema, toOrder } from './order-schema';
import { createThrottleGate, type ThrottleGate } from './throttle.server';

const LookupDataSchema = z.object({ orders: z.object({ nodes: z.array(OrderNodeSchema) }) });
const ByIdDataSchema = z.object({ order: OrderNodeSchema.nullable() });

/** What we expect a single order read to cost; refined from every response. */
const DEFAULT_EXPECTED_COST = 250;

/**
 * Orders from the Shopify Admin GraphQL API. Each method is exactly one API call; responses are
 * parsed with zod, so a shape we do not expect is an error here rather than a broken page later.
 */
export function createShopifyOrderSource(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): OrderSource {
  const gate = deps.gate ?? createThrottleGate();
  let expectedCost = DEFAULT_EXPECTED_COST;

  async function call<T>(query: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    await gate.beforeRequest(expectedCost);
    let response: { data: unknown; extensions: unknown };
    try {
      response = await deps.client.request(query, variables);
    } catch (error) {
      const upstream = toUpstreamError(error);
      const cost = readCost((error as { body?: { extensions?: unknown } }).body?.extensions);
      if (cost) gate.record(cost.throttleStatus);
      throw upstream;
    }
    const cost = readCost(response.extensions);
    if (cost) {
      gate.record(cost.throttleStatus);
      expectedCost = cost.requestedQueryCost;
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause: parsed.error });
    }
    return parsed.data;
  }

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
