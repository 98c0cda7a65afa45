import { z } from 'zod';
import type { CaseReturn, ShopifyReturnResult } from '~/cases/ports';
import type { ReturnContext } from '~/policy/return-context';
import { CodedUserErrorsSchema } from './user-errors';

/** Admin API answers for the return documents, parsed here and trusted inside. */
const MoneySchema = z.object({ amount: z.string(), currencyCode: z.string() });
const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const ReturnableItemSchema = z.object({
  quantity: z.number().int(),
  fulfillmentLineItem: z.object({
    id: z.string(),
    lineItem: z.object({
      id: z.string(),
      title: z.string(),
      variantTitle: z.string().nullable(),
      sku: z.string().nullable(),
      isGiftCard: z.boolean(),
      image: z.object({ url: z.string(), altText: z.string().nullable() }).nullable(),
      discountedUnitPriceAfterAllDiscountsSet: z.object({ presentmentMoney: MoneySchema }),
      product: z.object({ id: z.string(), tags: z.array(z.string()), productType: z.string(), vendor: z.string() }).nullable(),
      variant: z.object({ id: z.string() }).nullable(),
    }),
  }),
});

export const ReturnContextDataSchema = z.object({
  order: z
    .object({
      id: z.string(),
      name: z.string(),
      createdAt: date,
      currentTotalPriceSet: z.object({ presentmentMoney: MoneySchema }),
      shippingAddress: z.object({ countryCodeV2: z.string().nullable() }).nullable(),
    })
    .nullable(),
  returnableFulfillments: z.object({
    nodes: z.array(
      z.object({
        fulfillment: z.object({ id: z.string(), createdAt: date, deliveredAt: date.nullable() }),
        returnableFulfillmentLineItems: z.object({ nodes: z.array(ReturnableItemSchema) }),
      }),
    ),
  }),
});
export type ReturnContextData = z.infer<typeof ReturnContextDataSchema>;

/** Translates the context query's answer into what the policy engine decides on. */
export function toReturnContext(data: ReturnContextData): ReturnContext | null {
  const { order } = data;
  if (!order) return null;
  return {
    orderId: order.id,
    orderName: order.name,
    orderCreatedAt: order.createdAt,
    orderTotal: order.currentTotalPriceSet.presentmentMoney,
    shippingCountryCode: order.shippingAddress?.countryCodeV2 ?? null,
    lines: data.returnableFulfillments.nodes.flatMap(({ fulfillment, returnableFulfillmentLineItems }) =>
      returnableFulfillmentLineItems.nodes
        .filter((item) => item.quantity > 0)
        .map(({ quantity, fulfillmentLineItem: { id, lineItem } }) => ({
          lineItemId: lineItem.id,
          fulfillmentLineItemId: id,
          fulfillmentId: fulfillment.id,
          title: lineItem.title,
          variantTitle: lineItem.variantTitle,
          sku: lineItem.sku,
          productId: lineItem.product?.id ?? null,
          variantId: lineItem.variant?.id ?? null,
          productTags: lineItem.product?.tags ?? [],
          // Shopify answers "" for a product without a type or vendor; the policy wants "none".
          productType: lineItem.product?.productType || null,
          vendor: lineItem.product?.vendor || null,
          isGiftCard: lineItem.isGiftCard,
          unitPrice: lineItem.discountedUnitPriceAfterAllDiscountsSet.presentmentMoney,
          returnableQuantity: quantity,
          deliveredAt: fulfillment.deliveredAt,
          fulfilledAt: fulfillment.createdAt,
          image: lineItem.image,
        })),
    ),
  };
}

const ReturnStatusSchema = z.enum(['REQUESTED', 'OPEN', 'CLOSED', 'DECLINED', 'CANCELED']);

/** The payload both returnRequest and returnCreate answer with. */
export const ReturnPayloadSchema = z.object({
  return: z.object({ id: z.string(), status: ReturnStatusSchema }).nullable(),
  userErrors: CodedUserErrorsSchema,
});
export type ReturnPayload = z.infer<typeof ReturnPayloadSchema>;

/** User errors are a refusal; a payload with neither errors nor a return is a broken answer. */
export function toReturnResult(payload: ReturnPayload): ShopifyReturnResult | null {
  if (payload.userErrors.length) {
    return { ok: false, errors: payload.userErrors.map(({ code, message, field }) => ({ code, message, field })) };
  }
  return payload.return ? { ok: true, returnId: payload.return.id, status: payload.return.status } : null;
}

export const ReturnReasonsDataSchema = z.object({
  returnReasonDefinitions: z.object({
    nodes: z.array(z.object({ id: z.string(), handle: z.string(), name: z.string(), deleted: z.boolean() })),
  }),
});

// Lines of other ReturnLineItemType kinds (unverified ones) come back as empty objects.
const OrderReturnLineSchema = z.object({
  customerNote: z.string().nullable(),
  returnReasonNote: z.string(),
  fulfillmentLineItem: z.object({ id: z.string() }),
}).partial();

export const OrderReturnsDataSchema = z.object({
  order: z
    .object({
      returns: z.object({
        nodes: z.array(z.object({
          id: z.string(),
          status: ReturnStatusSchema,
          returnLineItems: z.object({ nodes: z.array(OrderReturnLineSchema) }),
          // The order line items an exchange's new items became, once processed (null before).
          exchangeLineItems: z.object({ nodes: z.array(z.object({ lineItems: z.array(z.object({ id: z.string() })).nullable() })) }),
        })),
      }),
    })
    .nullable(),
});
export type OrderReturnsData = z.infer<typeof OrderReturnsDataSchema>;

/** The returns with `[caseId]` in a line's note, the marker the submission worker writes. */
export function toCaseReturns(data: OrderReturnsData, caseId: string): CaseReturn[] {
  const marker = `[${caseId}]`;
  return (data.order?.returns.nodes ?? [])
    .filter((ret) => ret.returnLineItems.nodes.some((line) => line.customerNote?.includes(marker) || line.returnReasonNote?.includes(marker)))
    .map((ret) => ({
      returnId: ret.id,
      status: ret.status,
      fulfillmentLineItemIds: ret.returnLineItems.nodes.flatMap((line) => (line.fulfillmentLineItem ? [line.fulfillmentLineItem.id] : [])),
      exchangeLineItemIds: ret.exchangeLineItems.nodes.flatMap((line) => (line.lineItems ?? []).map((item) => item.id)),
    }));
}
