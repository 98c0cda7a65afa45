import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { isoTime, legacyIdOf } from '~/sandbox/seed/build-context.server';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import { amountOf, moneyBag } from '~/sandbox/seed/money.server';
import type { CurrencyCode, GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { requireGid } from './root-resolvers.server';
import { attachFulfillmentOrder } from './fulfillment-orders.server';
import { buildReplacementOrder, type DraftLine } from './replacement-order.server';
import { toOrderPayload } from './webhook-payloads.server';

// Above the seed's ranges, so drafts and the orders they become never collide with seeded ids.
const MINTED_ID_BASES = { DraftOrder: 1_180_900_000, DraftOrderLineItem: 1_190_900_000, Order: 5_550_900_000, LineItem: 1_440_900_000 };

const text = z.string().nullish();
const AddressSchema = z.strictObject({
  address1: text, address2: text, city: text, company: text, countryCode: text, firstName: text, lastName: text, phone: text, provinceCode: text, zip: text,
});
/** `DraftOrderInput`, the parts the emulator models; any other field fails loudly. */
const DraftOrderInputSchema = z.strictObject({
  lineItems: z.array(z.strictObject({ variantId: z.string(), quantity: z.number().int(), appliedDiscount: z.unknown().optional() })).nullish(),
  appliedDiscount: z.object({ value: z.number(), valueType: z.enum(['PERCENTAGE', 'FIXED_AMOUNT']), title: text, description: text }).nullish(),
  shippingAddress: AddressSchema.nullish(),
  email: text,
  note: text,
  tags: z.array(z.string()).nullish(),
  purchasingEntity: z.object({ customerId: z.string() }).nullish(),
  presentmentCurrencyCode: text,
});
const CompleteArgsSchema = z.object({ id: z.string(), paymentPending: z.boolean().nullish(), paymentGatewayId: z.string().nullish(), sourceName: z.string().nullish() });
const TAG_QUERY = /^tag:(?:'([^']+)'|"([^"]+)"|(\S+))$/;

type UserError = { __typename: 'UserError'; field: string[] | null; message: string };
const userError = (field: (string | number)[] | null, message: string): UserError => ({ __typename: 'UserError', field: field?.map(String) ?? null, message });
const unsupported = (what: string) => new GraphQLError(`${what} is not supported by the Comptoir sandbox Shopify emulator`, { extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' } });

/**
 * `draftOrderCreate`, `draftOrderComplete` and `draftOrders(query: "tag:…")`, for one seed (made
 * again on reset): how staff, and the portal, make an order on a customer's behalf. A draft is
 * priced from its variants; a 100 % discount makes it free. Completing it makes a real order (the
 * next number, paid, unfulfilled, units out of stock) and sends orders/create. Messages are
 * inferred from Shopify's admin; the schema documents none.
 */
export function createDraftOrders(options: { seed: Seed; clock: () => Date; emit: (topic: string, payload: unknown) => void }) {
  const { seed, clock } = options;
  const nextId = createIdSequence(MINTED_ID_BASES);
  const drafts: GqlObject[] = [];
  /** Per draft: its lines as the order needs them, and the order whose customer and address it carries. */
  const plans = new Map<string, { lines: DraftLine[]; like: SeedOrder }>();

  const draftOrderCreate: RootResolver = (args) => {
    const parsed = DraftOrderInputSchema.safeParse((args as { input: unknown }).input);
    if (!parsed.success) throw unsupported(`draftOrderCreate(input: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')})`);
    const input = parsed.data;
    const payload = (draftOrder: GqlObject | null, userErrors: UserError[]) => ({ __typename: 'DraftOrderCreatePayload', draftOrder, userErrors });
    const errors: UserError[] = [];
    if (!input.lineItems?.length) errors.push(userError(['lineItems'], 'Add at least 1 product'));
    const lines: DraftLine[] = [];
    (input.lineItems ?? []).forEach((item, index) => {
      const variant = seed.nodes.get(requireGid(item.variantId));
      if (variant?.__typename !== 'ProductVariant') return errors.push(userError(['lineItems', index, 'variantId'], 'Product variant does not exist'));
      if (item.quantity <= 0) return errors.push(userError(['lineItems', index, 'quantity'], 'Quantity must be greater than 0'));
      lines.push({ variant, quantity: item.quantity, like: null });
    });
    const customerId = input.purchasingEntity?.customerId ?? null;
    const like = customerId ? seed.orders.find((order) => (order.customer as GqlObject | null)?.id === customerId) : undefined;
    if (customerId && !like) errors.push(userError(['purchasingEntity', 'customerId'], 'Customer does not exist'));
    if (input.appliedDiscount?.valueType === 'PERCENTAGE' && (input.appliedDiscount.value < 0 || input.appliedDiscount.value > 100)) {
      errors.push(userError(['appliedDiscount', 'value'], 'Percentage discount must be between 0 and 100'));
    }
    if (errors.length || !like) return payload(null, errors.length ? errors : [userError(['purchasingEntity'], 'The emulator makes drafts for a customer of the demo store only')]);
    // The order line each unit copies (title, prices), when the customer bought that variant.
    for (const line of lines) line.like = seed.orders.flatMap((order) => order.lineItems as GqlObject[]).find((item) => item.variant === line.variant) ?? null;
    const at = isoTime(clock().getTime());
    const id = nextId('DraftOrder');
    const currency = like.presentmentCurrencyCode as CurrencyCode;
    const zero = moneyBag(amountOf(0, currency));
    const draft: GqlObject = {
      __typename: 'DraftOrder', id, legacyResourceId: legacyIdOf(id), name: `#D${drafts.length + 1}`, status: 'OPEN', ready: true,
      createdAt: at, updatedAt: at, completedAt: null, order: null, note2: input.note ?? null, tags: input.tags ?? [], email: input.email ?? like.email,
      customer: like.customer, shippingAddress: input.shippingAddress ? { ...(like.shippingAddress as GqlObject), ...input.shippingAddress } : like.shippingAddress,
      appliedDiscount: input.appliedDiscount ? { __typename: 'DraftOrderAppliedDiscount', ...input.appliedDiscount } : null,
      currencyCode: 'EUR', presentmentCurrencyCode: currency, taxesIncluded: true, taxExempt: false, visibleToCustomer: false,
      totalPriceSet: zero, subtotalPriceSet: zero, totalTaxSet: zero, totalShippingPriceSet: zero,
      totalQuantityOfLineItems: lines.reduce((sum, line) => sum + line.quantity, 0),
      lineItems: lines.map((line) => ({ __typename: 'DraftOrderLineItem', id: nextId('DraftOrderLineItem'), quantity: line.quantity, variant: line.variant, sku: line.variant.sku ?? null, title: line.like?.title ?? line.variant.title, name: line.like?.name ?? line.variant.title })),
      warnings: [],
    };
    drafts.push(draft);
    plans.set(id, { lines, like });
    seed.nodes.set(id, draft);
    return payload(draft, []);
  };

  const draftOrderComplete: RootResolver = (args) => {
    const { id, paymentGatewayId, paymentPending } = CompleteArgsSchema.parse(args);
    // The emulator completes drafts as paid only: a gateway or a pending payment is not modelled.
    if (paymentGatewayId || paymentPending) throw unsupported('draftOrderComplete(paymentGatewayId:, paymentPending: true)');
    const payload = (draftOrder: GqlObject | null, userErrors: UserError[]) => ({ __typename: 'DraftOrderCompletePayload', draftOrder, userErrors });
    const draft = seed.nodes.get(requireGid(id));
    const plan = plans.get(id);
    if (draft?.__typename !== 'DraftOrder' || !plan) return payload(null, [userError(['id'], 'Draft order does not exist')]);
    if (draft.status === 'COMPLETED') return payload(draft, [userError(['id'], 'Draft order has already been completed')]);
    const order = buildReplacementOrder({ seed, like: plan.like, draft, lines: plan.lines, now: clock(), nextId });
    attachFulfillmentOrder(seed, order);
    Object.assign(draft, { status: 'COMPLETED', completedAt: order.createdAt, updatedAt: order.createdAt, order });
    options.emit('orders/create', toOrderPayload(order));
    return payload(draft, []);
  };

  /** `draftOrders(query:)`: the emulator answers a single `tag:` term, the way a caller finds its own drafts. */
  const draftOrders: RootResolver = (args) => {
    const query = typeof args.query === 'string' ? args.query.trim() : '';
    if (!query) return drafts;
    const match = TAG_QUERY.exec(query);
    if (!match) throw unsupported(`draftOrders(query: ${JSON.stringify(query)})`);
    const tag = (match[1] ?? match[2] ?? match[3] ?? '').toLowerCase();
    return drafts.filter((draft) => (draft.tags as string[]).some((t) => t.toLowerCase() === tag));
  };

  return {
    mutations: { draftOrderCreate, draftOrderComplete },
    query: { draftOrders, draftOrder: ((args) => drafts.find((draft) => draft.id === args.id) ?? null) satisfies RootResolver as RootResolver },
    /** What `GET /__sandbox/shopify/draft-orders` shows: every draft and the order it became. */
    list: () => drafts.map((draft) => ({
      id: draft.id, name: draft.name, status: draft.status, tags: draft.tags, note: draft.note2,
      order: draft.order ? { id: (draft.order as GqlObject).id, name: (draft.order as GqlObject).name } : null,
      lines: (draft.lineItems as GqlObject[]).map((line) => ({ variantId: (line.variant as GqlObject).id, quantity: line.quantity })),
    })),
  };
}

export type DraftOrders = ReturnType<typeof createDraftOrders>;
