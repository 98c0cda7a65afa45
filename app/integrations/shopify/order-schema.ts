import { z } from 'zod';
import type { Order, ParcelStatus } from '~/orders/types';
import { OrderReturnNodeSchema, toStoreReturn } from './order-returns-schema';

/** The Admin API order node as ComptoirOrderFields selects it; parsed here, trusted inside. */
const MoneySetSchema = z.object({
  presentmentMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
});

const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const nodes = <T extends z.ZodType>(node: T) => z.object({ nodes: z.array(node) });

const FULFILLMENT_DISPLAY_STATUS: Record<string, ParcelStatus> = {
  ATTEMPTED_DELIVERY: 'attempted_delivery',
  CANCELED: 'cancelled',
  CARRIER_PICKED_UP: 'in_transit',
  CONFIRMED: 'confirmed',
  DELAYED: 'delayed',
  DELIVERED: 'delivered',
  FAILURE: 'failure',
  FULFILLED: 'confirmed',
  IN_TRANSIT: 'in_transit',
  LABEL_PRINTED: 'label_created',
  LABEL_PURCHASED: 'label_created',
  LABEL_VOIDED: 'cancelled',
  MARKED_AS_FULFILLED: 'confirmed',
  NOT_DELIVERED: 'failure',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  PICKED_UP: 'delivered',
  READY_FOR_PICKUP: 'ready_for_pickup',
  SUBMITTED: 'confirmed',
};

/** Unknown future enum values degrade to "confirmed" rather than failing the whole page. */
const ParcelStatusSchema = z.string().transform((value) => FULFILLMENT_DISPLAY_STATUS[value] ?? 'confirmed');

const EventSchema = z.object({
  status: ParcelStatusSchema,
  happenedAt: date,
  message: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  country: z.string().nullable(),
});

const FulfillmentSchema = z.object({
  id: z.string(),
  status: z.string(),
  displayStatus: ParcelStatusSchema.nullable(),
  createdAt: date,
  deliveredAt: date.nullable(),
  estimatedDeliveryAt: date.nullable(),
  trackingInfo: z.array(
    z.object({ company: z.string().nullable(), number: z.string().nullable(), url: z.string().nullable() }),
  ),
  events: nodes(EventSchema),
  fulfillmentLineItems: nodes(z.object({ quantity: z.number().int(), lineItem: z.object({ id: z.string() }) })),
});

const AddressSchema = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  provinceCode: z.string().nullable(),
  countryCodeV2: z.string().nullable(),
  zip: z.string().nullable(),
  phone: z.string().nullable(),
});

export const OrderNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: date,
  processedAt: date,
  cancelledAt: date.nullable(),
  closed: z.boolean(),
  tags: z.array(z.string()),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  currentTotalPriceSet: MoneySetSchema,
  netPaymentSet: MoneySetSchema,
  shippingAddress: AddressSchema.nullable(),
  lineItems: nodes(
    z.object({
      id: z.string(),
      title: z.string(),
      variantTitle: z.string().nullable(),
      sku: z.string().nullable(),
      quantity: z.number().int(),
      currentQuantity: z.number().int(),
      unfulfilledQuantity: z.number().int(),
      requiresShipping: z.boolean(),
      isGiftCard: z.boolean(),
      image: z.object({ url: z.string(), altText: z.string().nullable() }).nullable(),
      // The order query reads what a unit was paid; the customer's order list, its list price.
      originalUnitPriceSet: MoneySetSchema.optional(),
      discountedUnitPriceAfterAllDiscountsSet: MoneySetSchema.optional(),
    }).refine((line) => line.discountedUnitPriceAfterAllDiscountsSet ?? line.originalUnitPriceSet, 'a line item needs a price'),
  ),
  fulfillments: z.array(FulfillmentSchema),
  returns: nodes(OrderReturnNodeSchema),
});

export type OrderNode = z.infer<typeof OrderNodeSchema>;

const joinPlace = (...parts: (string | null)[]) => parts.filter(Boolean).join(', ') || null;

/** Translates Shopify's order node into Comptoir's Order. */
export function toOrder(node: OrderNode): Order {
  return {
    id: node.id,
    name: node.name,
    email: node.email,
    phone: node.phone,
    createdAt: node.createdAt,
    processedAt: node.processedAt,
    cancelledAt: node.cancelledAt,
    closed: node.closed,
    tags: node.tags,
    netPayment: node.netPaymentSet.presentmentMoney,
    financialStatus: node.displayFinancialStatus,
    fulfillmentStatus: node.displayFulfillmentStatus,
    total: node.currentTotalPriceSet.presentmentMoney,
    shippingAddress: node.shippingAddress && {
      ...node.shippingAddress,
      countryCode: node.shippingAddress.countryCodeV2,
    },
    lineItems: node.lineItems.nodes.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      currentQuantity: line.currentQuantity,
      unfulfilledQuantity: line.unfulfilledQuantity,
      requiresShipping: line.requiresShipping,
      isGiftCard: line.isGiftCard,
      image: line.image,
      unitPrice: (line.discountedUnitPriceAfterAllDiscountsSet ?? line.originalUnitPriceSet)!.presentmentMoney,
      ...(line.discountedUnitPriceAfterAllDiscountsSet ? { paidUnitPrice: line.discountedUnitPriceAfterAllDiscountsSet.presentmentMoney } : {}),
    })),
    parcels: node.fulfillments.map((fulfillment) => {
      const tracking = fulfillment.trackingInfo[0];
      return {
        id: fulfillment.id,
        status: fulfillment.status === 'CANCELLED' ? 'cancelled' : (fulfillment.displayStatus ?? 'confirmed'),
        createdAt: fulfillment.createdAt,
        deliveredAt: fulfillment.deliveredAt,
        estimatedDeliveryAt: fulfillment.estimatedDeliveryAt,
        carrier: tracking?.company ?? null,
        trackingNumber: tracking?.number ?? null,
        trackingUrl: tracking?.url && /^https?:\/\//.test(tracking.url) ? tracking.url : null,
        events: fulfillment.events.nodes
          .map((event) => ({
            status: event.status,
            happenedAt: event.happenedAt,
            message: event.message,
            location: joinPlace(event.city, event.province, event.country),
          }))
          .sort((a, b) => a.happenedAt.getTime() - b.happenedAt.getTime()),
        lines: fulfillment.fulfillmentLineItems.nodes.map((item) => ({
          lineItemId: item.lineItem.id,
          quantity: item.quantity,
        })),
      };
    }),
    returns: node.returns.nodes.map(toStoreReturn),
  };
}
