import { z } from 'zod';
import type { Money } from '~/orders/types';

/*
 * The Shopify webhook topics Comptoir listens to, and what it keeps of each payload. Payloads are
 * REST-style snake_case JSON (the Admin REST resource as of the subscription's API version); only
 * the ids and the facts a case needs are kept, so no shopper's address or email is stored with a
 * delivery. Unknown fields are ignored: Shopify adds fields without a new version.
 */

export const SHOPIFY_WEBHOOK_TOPICS = [
  'orders/updated',
  'orders/cancelled',
  'fulfillments/create',
  'fulfillments/update',
  'returns/request',
  'returns/approve',
  'returns/decline',
  'returns/close',
  'refunds/create',
] as const;

export type ShopifyWebhookTopic = (typeof SHOPIFY_WEBHOOK_TOPICS)[number];

/** `returns/approve` → `RETURNS_APPROVE`, the `WebhookSubscriptionTopic` enum value. */
export const toSubscriptionTopic = (topic: ShopifyWebhookTopic) => topic.toUpperCase().replace('/', '_');

export const DECLINE_REASONS = ['FINAL_SALE', 'OTHER', 'RETURN_PERIOD_ENDED'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** What a delivery means for the portal, once parsed. */
export type ShopifyEvent =
  /**
   * The order changed (edited, cancelled, paid): its cached copy is stale. `balanceDue` is what it
   * still owes once the change is made (`total_outstanding`), when the payload says: an exchange's
   * price difference is paid when it reaches zero.
   */
  | { kind: 'order_changed'; orderId: string; balanceDue?: Money | null; cancelledAt?: string | null }
  /**
   * A parcel of the order was shipped or moved (`fulfillments/*`): which order line items it
   * carries, its tracking, and whether the carrier delivered it. An exchange's new item ships so.
   */
  | { kind: 'fulfillment_changed'; orderId: string; fulfillmentId: string; lineItemIds: string[]; tracking: ParcelTracking; delivered: boolean }
  | {
      kind: 'return_changed';
      returnId: string;
      /** Null when the payload does not name it (some return topics carry the return alone). */
      orderId: string | null;
      status: 'requested' | 'approved' | 'declined' | 'closed';
      decline: { reason: DeclineReason; note: string | null } | null;
    }
  | {
      kind: 'refund_created';
      orderId: string;
      returnId: string | null;
      /** The money that actually went back, and how; null when no refund transaction succeeded (a restock only). */
      refund: { amount: Money; method: 'original_payment' | 'store_credit' } | null;
    };

/** A parcel's carrier, tracking number and tracking page, each null when Shopify has none. */
export type ParcelTracking = { carrier: string | null; number: string | null; url: string | null };

const MoneyFieldsSchema = z.object({ amount: z.string(), currencyCode: z.string().length(3) });

export const ShopifyEventSchema: z.ZodType<ShopifyEvent> = z.discriminatedUnion('kind', [
  // Deliveries recorded before the balance was kept have none.
  z.object({ kind: z.literal('order_changed'), orderId: z.string(), balanceDue: MoneyFieldsSchema.nullable().optional(), cancelledAt: z.string().nullable().optional() }),
  z.object({
    kind: z.literal('fulfillment_changed'), orderId: z.string(), fulfillmentId: z.string(), lineItemIds: z.array(z.string()),
    tracking: z.object({ carrier: z.string().nullable(), number: z.string().nullable(), url: z.string().nullable() }), delivered: z.boolean(),
  }),
  z.object({
    kind: z.literal('return_changed'),
    returnId: z.string(),
    orderId: z.string().nullable(),
    status: z.enum(['requested', 'approved', 'declined', 'closed']),
    decline: z.object({ reason: z.enum(DECLINE_REASONS), note: z.string().nullable() }).nullable(),
  }),
  z.object({
    kind: z.literal('refund_created'), orderId: z.string(), returnId: z.string().nullable(),
    // Deliveries recorded before the amount was kept have none.
    refund: z.object({ amount: MoneyFieldsSchema, method: z.enum(['original_payment', 'store_credit']) }).nullable().default(null),
  }),
]);

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`));
const legacyId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);
const orderGid = (id: number | string) => `gid://shopify/Order/${id}`;

const amount = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+(\.\d+)?$/));
const OrderPayloadSchema = z.object({
  admin_graphql_api_id: gid('Order'),
  // REST gives the balance in the shop's currency, named by `currency`.
  total_outstanding: amount.nullish().catch(null),
  currency: z.string().length(3).nullish().catch(null),
  // Set once the order is cancelled, by anyone: a cancellation the team was checking is then done.
  cancelled_at: z.iso.datetime({ offset: true }).nullish().catch(null),
});
/** Far more than a parcel holds; the rest of a longer list is not read. */
const MAX_FULFILLMENT_LINES = 250;
const text = (max: number) => z.string().trim().max(max).nullish().catch(null).transform((value) => value || null);
const FulfillmentPayloadSchema = z.object({
  order_id: legacyId,
  admin_graphql_api_id: gid('Fulfillment').nullish().catch(null),
  shipment_status: z.string().nullish().catch(null),
  tracking_company: text(200),
  tracking_number: text(200),
  tracking_url: z.unknown().optional(),
  tracking_urls: z.array(z.unknown()).nullish().catch(null),
  line_items: z.array(z.unknown()).nullish().catch(null),
});
/** Only a web address is ever linked to from the shopper's page. */
const WebUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);
const FulfillmentLineSchema = z.object({ admin_graphql_api_id: gid('LineItem').nullish(), id: legacyId.nullish() });
const ReturnPayloadSchema = z.object({
  admin_graphql_api_id: gid('Return'),
  order: z.object({ admin_graphql_api_id: gid('Order') }).nullish(),
  order_id: legacyId.nullish(),
  decline: z
    .object({
      // REST payloads spell enums in lower case (`return_period_ended`); accept either.
      reason: z.string().transform((reason) => reason.toUpperCase()).pipe(z.enum(DECLINE_REASONS)).catch('OTHER'),
      note: z.string().max(2000).nullish(),
    })
    .nullish(),
});
/** One money movement of a refund (REST `Transaction`): only successful `refund`s count. */
const RefundTransactionSchema = z.object({
  kind: z.string(),
  status: z.string(),
  amount,
  currency: z.string().length(3),
  gateway: z.string().nullish(),
});
const RefundPayloadSchema = z.object({
  order_id: legacyId,
  return: z.object({ admin_graphql_api_id: gid('Return') }).nullish(),
  transactions: z.array(z.unknown()).nullish(),
});

/**
 * What a refund gave back: the sum of its successful refund transactions. A refund made entirely
 * to the shopper's store credit shows as transactions through Shopify's store-credit gateway.
 */
function toActualRefund(transactions: unknown[] | null | undefined): { amount: Money; method: 'original_payment' | 'store_credit' } | null {
  const done = (transactions ?? []).flatMap((raw) => {
    const parsed = RefundTransactionSchema.safeParse(raw);
    return parsed.success && parsed.data.kind === 'refund' && parsed.data.status === 'success' ? [parsed.data] : [];
  });
  const currency = done[0]?.currency;
  if (!currency || done.some((transaction) => transaction.currency !== currency)) return null;
  const cents = done.reduce((sum, transaction) => sum + Math.round(Number(transaction.amount) * 100), 0);
  const storeCredit = done.every((transaction) => transaction.gateway?.includes('store_credit'));
  return { amount: { amount: (cents / 100).toFixed(2), currencyCode: currency }, method: storeCredit ? 'store_credit' : 'original_payment' };
}

/** A parcel of the order: its line items (by GraphQL id), tracking and delivery; the order alone when it names no fulfillment. */
function toFulfillmentEvent(payload: unknown): ShopifyEvent | null {
  const parsed = FulfillmentPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { order_id, admin_graphql_api_id: fulfillmentId, shipment_status, tracking_company, tracking_number, tracking_url, tracking_urls, line_items } = parsed.data;
  const orderId = orderGid(order_id);
  if (!fulfillmentId) return { kind: 'order_changed', orderId };
  const lineItemIds = (line_items ?? []).slice(0, MAX_FULFILLMENT_LINES).flatMap((raw) => {
    const line = FulfillmentLineSchema.safeParse(raw);
    if (!line.success) return [];
    const id = line.data.admin_graphql_api_id ?? (line.data.id ? `gid://shopify/LineItem/${line.data.id}` : null);
    return id ? [id] : [];
  });
  const url = [tracking_url, ...(tracking_urls ?? [])].map((candidate) => WebUrlSchema.safeParse(candidate)).find((parsed) => parsed.success)?.data ?? null;
  return {
    kind: 'fulfillment_changed', orderId, fulfillmentId, lineItemIds,
    tracking: { carrier: tracking_company, number: tracking_number, url },
    delivered: shipment_status?.toLowerCase() === 'delivered',
  };
}

const RETURN_STATUS = {
  'returns/request': 'requested',
  'returns/approve': 'approved',
  'returns/decline': 'declined',
  'returns/close': 'closed',
} as const;

export const isShopifyWebhookTopic = (topic: string): topic is ShopifyWebhookTopic =>
  (SHOPIFY_WEBHOOK_TOPICS as readonly string[]).includes(topic);

/** The event a payload of `topic` stands for, or null when the payload is not the shape we know. */
export function toShopifyEvent(topic: ShopifyWebhookTopic, payload: unknown): ShopifyEvent | null {
  switch (topic) {
    case 'orders/updated':
    case 'orders/cancelled': {
      const parsed = OrderPayloadSchema.safeParse(payload);
      if (!parsed.success) return null;
      const { admin_graphql_api_id: orderId, total_outstanding, currency, cancelled_at: cancelledAt } = parsed.data;
      return { kind: 'order_changed', orderId, balanceDue: total_outstanding && currency ? { amount: total_outstanding, currencyCode: currency.toUpperCase() } : null, cancelledAt: cancelledAt ?? null };
    }
    case 'fulfillments/create':
    case 'fulfillments/update':
      return toFulfillmentEvent(payload);
    case 'returns/request':
    case 'returns/approve':
    case 'returns/decline':
    case 'returns/close': {
      const parsed = ReturnPayloadSchema.safeParse(payload);
      if (!parsed.success) return null;
      const { admin_graphql_api_id: returnId, order, order_id, decline } = parsed.data;
      const status = RETURN_STATUS[topic];
      return {
        kind: 'return_changed',
        returnId,
        orderId: order?.admin_graphql_api_id ?? (order_id ? orderGid(order_id) : null),
        status,
        decline: status === 'declined' ? { reason: decline?.reason ?? 'OTHER', note: decline?.note?.trim() || null } : null,
      };
    }
    case 'refunds/create': {
      const parsed = RefundPayloadSchema.safeParse(payload);
      if (!parsed.success) return null;
      return {
        kind: 'refund_created', orderId: orderGid(parsed.data.order_id), returnId: parsed.data.return?.admin_graphql_api_id ?? null,
        refund: toActualRefund(parsed.data.transactions),
      };
    }
  }
}
