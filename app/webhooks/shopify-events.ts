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
  /** The order changed (edited, cancelled, shipped, tracking moved): only its cached copy is stale. */
  | { kind: 'order_changed'; orderId: string }
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

export const ShopifyEventSchema: z.ZodType<ShopifyEvent> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order_changed'), orderId: z.string() }),
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
    refund: z.object({ amount: z.object({ amount: z.string(), currencyCode: z.string().length(3) }), method: z.enum(['original_payment', 'store_credit']) }).nullable().default(null),
  }),
]);

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`));
const legacyId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);
const orderGid = (id: number | string) => `gid://shopify/Order/${id}`;

const OrderPayloadSchema = z.object({ admin_graphql_api_id: gid('Order') });
const FulfillmentPayloadSchema = z.object({ order_id: legacyId });
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
  amount: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+(\.\d+)?$/)),
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
      return parsed.success ? { kind: 'order_changed', orderId: parsed.data.admin_graphql_api_id } : null;
    }
    case 'fulfillments/create':
    case 'fulfillments/update': {
      const parsed = FulfillmentPayloadSchema.safeParse(payload);
      return parsed.success ? { kind: 'order_changed', orderId: orderGid(parsed.data.order_id) } : null;
    }
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
