import { z } from 'zod';
import { toHoldHandle, type HoldOrderInput, type NotHeldReason, type ReleaseOrderInput, type ShopifyFulfillmentHolds, type ShopifyHoldError } from '~/cancellations/hold-ports';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { FULFILLMENT_ORDER_HOLD_MUTATION, FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION, ORDER_FULFILLMENT_HOLDS_QUERY } from './fulfillment-holds-queries';
import type { ThrottleGate } from './throttle.server';
import { CodedUserErrorsSchema } from './user-errors';

const FulfillmentOrderSchema = z.object({
  id: z.string(),
  status: z.string(),
  fulfillmentHolds: z.array(z.object({ id: z.string(), handle: z.string().nullable(), heldByRequestingApp: z.boolean() })),
});
const OrderDataSchema = z.object({ order: z.object({ id: z.string(), fulfillmentOrders: z.object({ nodes: z.array(FulfillmentOrderSchema) }) }).nullable() });
const HoldDataSchema = z.object({
  fulfillmentOrderHold: z.object({ fulfillmentHold: z.object({ id: z.string(), handle: z.string().nullable() }).nullable(), userErrors: CodedUserErrorsSchema }),
});
const ReleaseDataSchema = z.object({ fulfillmentOrderReleaseHold: z.object({ userErrors: CodedUserErrorsSchema }) });

type FulfillmentOrder = z.infer<typeof FulfillmentOrderSchema>;

/** Statuses a hold may still be placed on: not started, scheduled, or held by someone else already. */
const HOLDABLE = new Set(['OPEN', 'SCHEDULED', 'ON_HOLD']);

const ourHold = (fo: FulfillmentOrder, handle: string) => fo.fulfillmentHolds.find((hold) => hold.handle === handle && hold.heldByRequestingApp);

/** Why none could be held, from what the fulfillment orders are doing. */
function notHeldReason(orders: FulfillmentOrder[], errors: ShopifyHoldError[]): NotHeldReason {
  if (errors.length) return 'refused';
  if (orders.length === 0) return 'no_fulfillment_orders';
  if (orders.every((fo) => fo.status === 'CANCELLED')) return 'cancelled';
  if (orders.every((fo) => fo.status === 'CLOSED' || fo.status === 'CANCELLED')) return 'closed';
  return 'in_progress';
}

/**
 * Fulfillment holds through the Admin API (`write_merchant_managed_fulfillment_orders`, and
 * `write_third_party_fulfillment_orders` for a shop shipping from a fulfillment service). The
 * order's fulfillment orders are read first, so a retry sees its own holds and places none twice.
 */
export function createShopifyFulfillmentHolds(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): ShopifyFulfillmentHolds {
  const call = createAdminCaller(deps);
  const readFulfillmentOrders = async (orderId: string) => (await call(ORDER_FULFILLMENT_HOLDS_QUERY, { id: orderId }, OrderDataSchema)).order?.fulfillmentOrders.nodes ?? [];

  return {
    /** ComptoirOrderFulfillmentHolds, then ComptoirFulfillmentOrderHold per fulfillment order not held by us yet. @throws UpstreamError */
    async holdOrder({ orderId, caseId, reasonNotes }: HoldOrderInput) {
      const handle = toHoldHandle(caseId);
      const orders = await readFulfillmentOrders(orderId);
      const held = orders.filter((fo) => ourHold(fo, handle)).map((fo) => fo.id);
      const errors: ShopifyHoldError[] = [];
      let placed = 0;
      for (const fo of orders.filter((candidate) => HOLDABLE.has(candidate.status) && !ourHold(candidate, handle))) {
        const fulfillmentHold = { reason: 'OTHER', reasonNotes, handle, notifyMerchant: false };
        const { fulfillmentOrderHold: answer } = await call(FULFILLMENT_ORDER_HOLD_MUTATION, { id: fo.id, fulfillmentHold }, HoldDataSchema);
        // Our handle already there: an earlier attempt whose answer was lost placed it.
        if (answer.userErrors.some((error) => error.code === 'DUPLICATE_FULFILLMENT_HOLD_HANDLE')) held.push(fo.id);
        else if (answer.userErrors.length) errors.push(...answer.userErrors);
        else if (answer.fulfillmentHold) {
          held.push(fo.id);
          placed += 1;
        }
      }
      if (held.length) return { held: true as const, fulfillmentOrderIds: held, placed };
      return { held: false as const, reason: notHeldReason(orders, errors), errors };
    },

    /** ComptoirOrderFulfillmentHolds, then ComptoirFulfillmentOrderReleaseHold with our hold's id on each. @throws UpstreamError */
    async releaseOrder({ orderId, caseId }: ReleaseOrderInput) {
      const handle = toHoldHandle(caseId);
      const released: string[] = [];
      const errors: ShopifyHoldError[] = [];
      for (const fo of await readFulfillmentOrders(orderId)) {
        const hold = ourHold(fo, handle);
        if (!hold) continue;
        const { fulfillmentOrderReleaseHold: answer } = await call(FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION, { id: fo.id, holdIds: [hold.id] }, ReleaseDataSchema);
        // Gone meanwhile (the order was cancelled or merged): nothing of ours is left to release.
        const refusals = answer.userErrors.filter((error) => error.code !== 'FULFILLMENT_ORDER_NOT_FOUND');
        if (refusals.length) errors.push(...refusals);
        else released.push(fo.id);
      }
      return { released, errors };
    },
  };
}
