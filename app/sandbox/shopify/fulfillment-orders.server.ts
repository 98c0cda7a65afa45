import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { createIdSequence, gid } from '~/sandbox/seed/ids.server';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { requireGid } from './root-resolvers.server';
import { toHoldPlacedPayload, toHoldReleasedPayload } from './webhook-payloads.server';

/*
 * Fulfillment orders and their holds (2026-10). Each order has one fulfillment order for its
 * whole work, its status derived from the order (cancelled → CANCELLED, nothing left to ship →
 * CLOSED, a hold → ON_HOLD, partly shipped → IN_PROGRESS, else OPEN), so cancelling or shipping
 * elsewhere in the emulator moves it too. Holds are kept on the fulfillment order and die with it.
 */

// Above the seed's ranges; a fulfillment order's id follows its order's number, so it is stable.
const FULFILLMENT_ORDER_BASE = 6_450_900_000;
const MINTED_ID_BASES = { FulfillmentHold: 3_990_900_000 };
/** Shopify: "Each app can place up to 10 active holds per fulfillment order"; a handle is at most 64 characters. */
const HOLDS_PER_APP = 10;
const HANDLE_MAX = 64;
const HOLDABLE = new Set(['OPEN', 'ON_HOLD', 'SCHEDULED']);
const REASONS = {
  AWAITING_PAYMENT: 'Awaiting payment', AWAITING_RETURN_ITEMS: 'Awaiting return items', HIGH_RISK_OF_FRAUD: 'High risk of fraud',
  INCORRECT_ADDRESS: 'Incorrect address', INVENTORY_OUT_OF_STOCK: 'Inventory out of stock', ONLINE_STORE_POST_PURCHASE_CROSS_SELL: 'Post-purchase upsell',
  OTHER: 'Other', UNKNOWN_DELIVERY_DATE: 'Unknown delivery date',
} as const;

const HoldArgsSchema = z.object({
  id: z.string(),
  fulfillmentHold: z.object({
    reason: z.enum(Object.keys(REASONS) as [keyof typeof REASONS]),
    reasonNotes: z.string().nullish(), handle: z.string().nullish(), notifyMerchant: z.boolean().nullish(), externalId: z.string().nullish(),
    fulfillmentOrderLineItems: z.array(z.unknown()).nullish(),
  }),
});
const ReleaseArgsSchema = z.object({ id: z.string(), holdIds: z.array(z.string()).nullish(), externalId: z.string().nullish() });

type HoldUserError = { __typename: string; field: string[] | null; message: string; code: string | null };
// The sandbox shop has one app: every hold is the requesting app's, so handles and the limit count them all.
type Hold = GqlObject;

const list = (value: unknown) => (value ?? []) as GqlObject[];
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const holdsOn = new WeakMap<GqlObject, Hold[]>();

/** Order lines as the fulfillment order's line items: what is left to ship of each. */
function toLineItems(order: SeedOrder): GqlObject[] {
  return list(order.lineItems).filter((line) => line.requiresShipping !== false).map((line) => ({
    __typename: 'FulfillmentOrderLineItem', id: gid('FulfillmentOrderLineItem', String(line.id).split('/').pop() ?? ''), lineItem: line,
    totalQuantity: line.quantity, remainingQuantity: line.unfulfilledQuantity, productTitle: line.title, variantTitle: line.variantTitle ?? null,
    sku: line.sku ?? null, requiresShipping: true, variant: line.variant ?? null, image: line.image ?? null, vendor: line.vendor ?? null,
    inventoryItemId: null, shippingLine: null, weight: null, warnings: [], financialSummaries: [],
  }));
}

function statusOf(order: SeedOrder, holds: Hold[]): string {
  if (order.cancelledAt) return 'CANCELLED';
  if (sum(list(order.lineItems).map((line) => Number(line.unfulfilledQuantity))) === 0) return 'CLOSED';
  if (holds.length > 0) return 'ON_HOLD';
  return list(order.fulfillments).some((f) => f.status !== 'CANCELLED') ? 'IN_PROGRESS' : 'OPEN';
}

/**
 * Gives every order of `seed` its fulfillment order (`Order.fulfillmentOrders`, `node(id:)`), and
 * makes `Order.displayFulfillmentStatus` read ON_HOLD while it is held, as Shopify shows an order
 * whose unfulfilled items are all on hold; anything else the emulator writes there is kept beneath.
 */
export function attachFulfillmentOrders(seed: Seed): void {
  for (const order of seed.orders) attachFulfillmentOrder(seed, order);
}

/** One order's fulfillment order: for an order created during a run, once it is in the seed. */
export function attachFulfillmentOrder(seed: Seed, order: SeedOrder): void {
  const holds: Hold[] = [];
  const fo: GqlObject = {
    __typename: 'FulfillmentOrder', id: gid('FulfillmentOrder', FULFILLMENT_ORDER_BASE + order.number), order, orderId: order.id, orderName: order.name,
    orderProcessedAt: order.processedAt, createdAt: order.createdAt, requestStatus: 'UNSUBMITTED', fulfillAt: null, fulfillBy: null,
    deliveryMethod: null, destination: null, internationalDuties: null, remainingLineItemsWeight: null, channelId: null, merchantRequests: [], fulfillmentOrdersForMerge: [],
  };
  holdsOn.set(fo, holds);
  Object.defineProperties(fo, {
    status: { enumerable: true, get: () => statusOf(order, holds) },
    // A cancelled or closed fulfillment order has no hold left: they die with it.
    fulfillmentHolds: { enumerable: true, get: () => (HOLDABLE.has(statusOf(order, holds)) ? [...holds] : []) },
    lineItems: { enumerable: true, get: () => toLineItems(order) },
    fulfillments: { enumerable: true, get: () => list(order.fulfillments) },
    updatedAt: { enumerable: true, writable: true, value: order.updatedAt },
    supportedActions: { enumerable: true, get: () => (HOLDABLE.has(statusOf(order, holds)) ? [{ __typename: 'FulfillmentOrderSupportedAction', action: holds.length ? 'RELEASE_HOLD' : 'HOLD', externalUrl: null }] : []) },
  });
  let shown = order.displayFulfillmentStatus;
  Object.defineProperty(order, 'displayFulfillmentStatus', {
    enumerable: true, configurable: true,
    get: () => (statusOf(order, holds) === 'ON_HOLD' ? 'ON_HOLD' : shown),
    set: (value: string) => { shown = value; },
  });
  Object.defineProperty(order, 'fulfillmentOrders', { enumerable: false, configurable: true, value: [fo] });
  seed.nodes.set(String(fo.id), fo);
}

/** The order's fulfillment orders (the admin page's view). */
export const fulfillmentOrdersOf = (order: SeedOrder) => list(order.fulfillmentOrders);
/** Holds in force on the order: what the admin page shows, and why it will not ship it. */
export const holdsOf = (order: SeedOrder) => fulfillmentOrdersOf(order).flatMap((fo) => list(fo.fulfillmentHolds));

const holdError = (field: string[] | null, code: string | null, message: string): HoldUserError => ({ __typename: 'FulfillmentOrderHoldUserError', field, message, code });

/** `fulfillmentOrderHold` and `fulfillmentOrderReleaseHold`, and the admin's release, over one emulator's seed. */
export function createFulfillmentHolds(options: { getSeed: () => Seed; clock: () => Date; emit: (topic: string, payload: unknown) => void }) {
  const nextId = createIdSequence(MINTED_ID_BASES);
  const find = (id: string) => {
    const found = options.getSeed().nodes.get(requireGid(id));
    return found?.__typename === 'FulfillmentOrder' ? found : null;
  };
  const touch = (fo: GqlObject) => {
    fo.updatedAt = options.clock().toISOString();
  };

  /** Takes holds off: the status goes back to OPEN (or IN_PROGRESS) once none is left; one webhook per release. */
  function release(fo: GqlObject, wanted: (hold: Hold) => boolean): Hold[] {
    const holds = holdsOn.get(fo) ?? [];
    const released = holds.filter(wanted);
    if (!released.length) return [];
    holds.splice(0, holds.length, ...holds.filter((hold) => !released.includes(hold)));
    touch(fo);
    options.emit('fulfillment_orders/hold_released', toHoldReleasedPayload(fo));
    return released;
  }

  const fulfillmentOrderHold: RootResolver = (args) => {
    const { id, fulfillmentHold: input } = HoldArgsSchema.parse(args);
    const payload = (fo: GqlObject | null, hold: GqlObject | null, userErrors: HoldUserError[]) =>
      ({ __typename: 'FulfillmentOrderHoldPayload', fulfillmentHold: hold, fulfillmentOrder: fo, remainingFulfillmentOrder: null, userErrors });
    const fo = find(id);
    if (!fo) return payload(null, null, [holdError(['id'], 'FULFILLMENT_ORDER_NOT_FOUND', 'Fulfillment order does not exist.')]);
    const holds = holdsOn.get(fo) ?? [];
    const status = String(fo.status);
    if (input.fulfillmentOrderLineItems?.length) {
      if (status === 'ON_HOLD') return payload(null, null, [holdError(['fulfillmentHold', 'fulfillmentOrderLineItems'], 'FULFILLMENT_ORDER_NOT_SPLITTABLE', 'The fulfillment order could not be split: it is already on hold.')]);
      throw new GraphQLError('fulfillmentOrderHold(fulfillmentHold: {fulfillmentOrderLineItems}) is not supported by the Comptoir sandbox Shopify emulator', { extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' } });
    }
    // Shopify's enum has no code for a fulfillment order past holding (wording inferred): only HOLD is missing from its supported actions.
    if (!HOLDABLE.has(status)) return payload(null, null, [holdError(['id'], null, `The fulfillment order cannot be placed on hold: its status is ${status.toLowerCase().replace('_', ' ')}.`)]);
    const handle = input.handle ?? '';
    if (handle.length > HANDLE_MAX) return payload(null, null, [holdError(['fulfillmentHold', 'handle'], null, `Handle is too long (maximum is ${HANDLE_MAX} characters)`)]);
    const ours = holds.filter((hold) => hold.heldByRequestingApp === true);
    if (ours.some((hold) => hold.handle === handle)) {
      return payload(null, null, [holdError(['fulfillmentHold', 'handle'], 'DUPLICATE_FULFILLMENT_HOLD_HANDLE', 'The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.')]);
    }
    if (ours.length >= HOLDS_PER_APP) {
      return payload(null, null, [holdError(['id'], 'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED', `The maximum number of fulfillment holds for this fulfillment order has been reached for this app. An app can only have up to ${HOLDS_PER_APP} holds on a single fulfillment order at any one time.`)]);
    }
    const hold: Hold = {
      __typename: 'FulfillmentHold', id: nextId('FulfillmentHold'), handle, reason: input.reason, reasonNotes: input.reasonNotes ?? null,
      displayReason: REASONS[input.reason], heldByApp: null, heldByRequestingApp: true,
    };
    holds.push(hold);
    options.getSeed().nodes.set(String(hold.id), hold);
    touch(fo);
    options.emit('fulfillment_orders/placed_on_hold', toHoldPlacedPayload(fo, hold));
    return payload(fo, hold, []);
  };

  const fulfillmentOrderReleaseHold: RootResolver = (args) => {
    const { id, holdIds } = ReleaseArgsSchema.parse(args);
    const fo = find(id);
    if (!fo) return { __typename: 'FulfillmentOrderReleaseHoldPayload', fulfillmentOrder: null, userErrors: [{ __typename: 'FulfillmentOrderReleaseHoldUserError', field: ['id'], message: 'Fulfillment order does not exist.', code: 'FULFILLMENT_ORDER_NOT_FOUND' }] };
    // As documented: without holdIds every hold goes; ids of another fulfillment order's holds are ignored.
    release(fo, (hold) => !holdIds || holdIds.includes(String(hold.id)));
    return { __typename: 'FulfillmentOrderReleaseHoldPayload', fulfillmentOrder: fo, userErrors: [] };
  };

  return {
    mutations: { fulfillmentOrderHold, fulfillmentOrderReleaseHold },
    /** The admin page's "Release hold": staff may release any app's holds, as in Shopify's admin. Releases counted. */
    releaseAll(order: SeedOrder): number {
      return fulfillmentOrdersOf(order).reduce((count, fo) => count + release(fo, () => true).length, 0);
    },
  };
}

export type FulfillmentHolds = ReturnType<typeof createFulfillmentHolds>;
