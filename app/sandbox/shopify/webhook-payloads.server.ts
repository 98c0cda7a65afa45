import { money } from '~/sandbox/seed/money.server';
import type { GqlObject, MoneyBag, SeedOrder } from '~/sandbox/seed/types.server';

/*
 * Webhook bodies, REST-style as Shopify sends them: numeric `id`, `admin_graphql_api_id`, snake_case,
 * enums in lower case. Only the fields the emulator models; Shopify's carry many more.
 */

const legacyId = (gid: unknown) => Number(String(gid).slice(String(gid).lastIndexOf('/') + 1));
const ref = (object: GqlObject) => ({ id: legacyId(object.id), admin_graphql_api_id: object.id });
const list = (value: unknown) => (value ?? []) as GqlObject[];

export function toReturnPayload(ret: GqlObject): Record<string, unknown> {
  const decline = ret.decline as GqlObject | null;
  return {
    ...ref(ret),
    name: ret.name,
    status: String(ret.status).toLowerCase(),
    order: ref(ret.order as GqlObject),
    total_return_line_items: list(ret.returnLineItems).length,
    return_line_items: list(ret.returnLineItems).map((rli) => {
      const fli = rli.fulfillmentLineItem as GqlObject;
      return {
        ...ref(rli),
        fulfillment_line_item: { ...ref(fli), line_item: ref(fli.lineItem as GqlObject) },
        quantity: rli.quantity,
        return_reason: String(rli.returnReason ?? 'unknown').toLowerCase(),
        return_reason_note: rli.returnReasonNote ?? '',
        customer_note: rli.customerNote ?? null,
      };
    }),
    exchange_line_items: list(ret.exchangeLineItems).map((eli) => ({ ...ref(eli), quantity: eli.quantity })),
    total_exchange_line_items: list(ret.exchangeLineItems).length,
    ...(decline ? { decline: { reason: String(decline.reason).toLowerCase(), note: decline.note ?? null } } : {}),
  };
}

/**
 * As REST's Order resource: `total_outstanding` is the balance due in the shop's currency, two
 * decimals ("4.00"), and `currency` is the shop's currency (`presentment_currency` the shopper's).
 */
export function toOrderPayload(order: SeedOrder): Record<string, unknown> {
  const bag = order.totalOutstandingSet as MoneyBag;
  const due = bag.shopMoney;
  return {
    ...ref(order as GqlObject),
    name: order.name,
    updated_at: order.updatedAt,
    cancelled_at: order.cancelledAt ?? null,
    cancel_reason: order.cancelReason ? String(order.cancelReason).toLowerCase() : null,
    financial_status: String(order.displayFinancialStatus ?? '').toLowerCase() || null,
    fulfillment_status: String(order.displayFulfillmentStatus ?? '').toLowerCase() || null,
    total_outstanding: money(Math.round(Number(due.amount) * 100)),
    currency: due.currencyCode,
    presentment_currency: bag.presentmentMoney.currencyCode,
    shipping_address: toAddressPayload(order.shippingAddress as GqlObject | null),
  };
}

function toAddressPayload(address: GqlObject | null): Record<string, unknown> | null {
  if (!address) return null;
  return {
    first_name: address.firstName ?? null, last_name: address.lastName ?? null, name: address.name ?? null, company: address.company ?? null,
    address1: address.address1 ?? null, address2: address.address2 ?? null, city: address.city ?? null, province: address.province ?? null,
    province_code: address.provinceCode ?? null, country: address.country ?? null, country_code: address.countryCodeV2 ?? null,
    zip: address.zip ?? null, phone: address.phone ?? null, latitude: address.latitude ?? null, longitude: address.longitude ?? null,
  };
}

/** REST's `shipment_status` is the latest carrier event's, in lower case; a parcel with no carrier event has none. */
const shipmentStatusOf = (displayStatus: unknown) => (!displayStatus || displayStatus === 'FULFILLED' ? null : String(displayStatus).toLowerCase());

export function toFulfillmentPayload(fulfillment: GqlObject, order: SeedOrder): Record<string, unknown> {
  const tracking = list(fulfillment.trackingInfo);
  const numbers = tracking.map((t) => t.number).filter((n): n is string => typeof n === 'string');
  const urls = tracking.map((t) => t.url).filter((u): u is string => typeof u === 'string');
  return {
    ...ref(fulfillment),
    order_id: legacyId(order.id),
    name: fulfillment.name,
    status: String(fulfillment.status ?? 'success').toLowerCase(),
    shipment_status: shipmentStatusOf(fulfillment.displayStatus),
    tracking_company: tracking[0]?.company ?? null,
    tracking_number: numbers[0] ?? null,
    tracking_numbers: numbers,
    tracking_url: urls[0] ?? null,
    tracking_urls: urls,
    created_at: fulfillment.createdAt,
    updated_at: fulfillment.updatedAt ?? order.updatedAt,
    line_items: list(fulfillment.fulfillmentLineItems).map((fli) => {
      const item = fli.lineItem as GqlObject;
      const variant = item.variant as GqlObject | null;
      return { ...ref(item), variant_id: variant ? legacyId(variant.id) : null, title: item.title, name: item.name, sku: item.sku ?? null, quantity: fli.quantity };
    }),
  };
}

/**
 * As REST's Refund resource: `transactions` in the currency the shopper paid (`kind: 'refund'`,
 * `status: 'success'`, amount with two decimals), `refund_line_items` with their restock type.
 */
export function toRefundPayload(refund: GqlObject, order: SeedOrder): Record<string, unknown> {
  const settled = refund.return as GqlObject | null;
  const lines = list(refund.refundLineItems);
  return {
    ...ref(refund),
    order_id: legacyId(order.id),
    created_at: refund.createdAt,
    processed_at: refund.processedAt,
    note: refund.note ?? null,
    restock: lines.some((rli) => rli.restocked === true),
    return: settled ? ref(settled) : null,
    refund_line_items: lines.map((rli) => ({
      ...ref(rli),
      line_item_id: legacyId((rli.lineItem as GqlObject).id),
      quantity: rli.quantity,
      restock_type: String(rli.restockType).toLowerCase(),
      subtotal: money(Math.round(Number((rli.subtotalSet as MoneyBag).presentmentMoney.amount) * 100)),
    })),
    transactions: list(refund.transactions).map((tx) => {
      const amount = (tx.amountSet as MoneyBag).presentmentMoney;
      return {
        ...ref(tx),
        order_id: legacyId(order.id),
        kind: String(tx.kind).toLowerCase(),
        status: String(tx.status).toLowerCase(),
        amount: money(Math.round(Number(amount.amount) * 100)),
        currency: amount.currencyCode,
        gateway: tx.gateway,
        parent_id: tx.parentTransaction ? legacyId((tx.parentTransaction as GqlObject).id) : null,
        created_at: tx.createdAt,
        processed_at: tx.processedAt,
      };
    }),
  };
}

/*
 * fulfillment_orders/* bodies carry GraphQL ids, not REST ones (Shopify's examples). Shapes inferred
 * from those examples: the fulfillment order with its status and holds, and for a new hold
 * `created_fulfillment_hold` (2024-10), which stays readable after the hold is released.
 */
const toHoldPayload = (hold: GqlObject) => ({
  id: hold.id, handle: hold.handle ?? null, reason: String(hold.reason).toLowerCase(), reason_notes: hold.reasonNotes ?? null,
});

const toFulfillmentOrderRef = (fo: GqlObject) => ({
  id: fo.id, status: String(fo.status).toLowerCase(), fulfillment_holds: list(fo.fulfillmentHolds).map(toHoldPayload),
});

export function toHoldPlacedPayload(fo: GqlObject, hold: GqlObject): Record<string, unknown> {
  return { fulfillment_order: toFulfillmentOrderRef(fo), remaining_fulfillment_order: null, fulfillment_hold: toHoldPayload(hold), created_fulfillment_hold: toHoldPayload(hold) };
}

export function toHoldReleasedPayload(fo: GqlObject): Record<string, unknown> {
  return { fulfillment_order: toFulfillmentOrderRef(fo) };
}
