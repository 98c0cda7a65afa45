import { z } from 'zod';
import { UpstreamError } from '~/utils/upstream-error';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { RETURN_REVERSE_ORDERS_QUERY, REVERSE_DELIVERY_CREATE_MUTATION } from './reverse-delivery-queries';
import type { ThrottleGate } from './throttle.server';
import { CodedUserErrorsSchema } from './user-errors';

/** Records a shopper's own shipment of a return on Shopify (the `store` label provider's way back). */
export interface ReverseDeliveries {
  /**
   * Adds the tracking number to the return's reverse fulfillment orders, unless one already carries
   * it (a retry). `not_found` when Shopify has no such return, or nothing to send back on it.
   * @throws UpstreamError when Shopify cannot be reached or refuses the input
   */
  recordTracking(returnId: string, tracking: { number: string; url: string | null }): Promise<'recorded' | 'already_recorded' | 'not_found'>;
}

const ReverseOrdersDataSchema = z.object({
  return: z.object({
    reverseFulfillmentOrders: z.object({
      nodes: z.array(z.object({
        id: z.string(),
        lineItems: z.object({ nodes: z.array(z.object({ id: z.string(), totalQuantity: z.number().int() })) }),
        reverseDeliveries: z.object({
          nodes: z.array(z.object({ deliverable: z.object({ tracking: z.object({ number: z.string().nullable() }).nullish() }).nullish() })),
        }),
      })),
    }),
  }).nullable(),
});

const CreateDataSchema = z.object({
  reverseDeliveryCreateWithShipping: z.object({
    reverseDelivery: z.object({ id: z.string() }).nullable(),
    userErrors: CodedUserErrorsSchema,
  }),
});

export function createShopifyReverseDeliveries(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): ReverseDeliveries {
  const call = createAdminCaller(deps);
  return {
    async recordTracking(returnId, tracking) {
      const found = (await call(RETURN_REVERSE_ORDERS_QUERY, { returnId }, ReverseOrdersDataSchema)).return;
      const orders = found?.reverseFulfillmentOrders.nodes.filter((order) => order.lineItems.nodes.some((item) => item.totalQuantity > 0)) ?? [];
      if (orders.length === 0) return 'not_found';
      const carries = (order: (typeof orders)[number]) => order.reverseDeliveries.nodes.some((delivery) => delivery.deliverable?.tracking?.number === tracking.number);
      const missing = orders.filter((order) => !carries(order));
      if (missing.length === 0) return 'already_recorded';
      // One parcel may hold the lines of several reverse fulfillment orders: each gets the number.
      for (const order of missing) {
        const data = await call(REVERSE_DELIVERY_CREATE_MUTATION, {
          reverseFulfillmentOrderId: order.id,
          reverseDeliveryLineItems: order.lineItems.nodes.filter((item) => item.totalQuantity > 0).map((item) => ({ reverseFulfillmentOrderLineItemId: item.id, quantity: item.totalQuantity })),
          trackingInput: { number: tracking.number, ...(tracking.url ? { url: tracking.url } : {}) },
        }, CreateDataSchema);
        const errors = data.reverseDeliveryCreateWithShipping.userErrors;
        if (errors.length > 0) {
          throw new UpstreamError({ service: 'shopify', status: 200, code: errors[0]!.code ?? 'USER_ERROR', retryable: false, cause: new Error(errors.map((e) => e.message).join('; ')) });
        }
      }
      return 'recorded';
    },
  };
}
