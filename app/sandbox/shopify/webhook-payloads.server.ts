import type { GqlObject, SeedOrder } from '~/sandbox/seed/types.server';

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

export function toOrderPayload(order: SeedOrder): Record<string, unknown> {
  return {
    ...ref(order as GqlObject),
    name: order.name,
    updated_at: order.updatedAt,
    cancelled_at: order.cancelledAt ?? null,
    cancel_reason: order.cancelReason ? String(order.cancelReason).toLowerCase() : null,
    financial_status: String(order.displayFinancialStatus ?? '').toLowerCase() || null,
    fulfillment_status: String(order.displayFulfillmentStatus ?? '').toLowerCase() || null,
  };
}

export function toFulfillmentPayload(fulfillment: GqlObject, order: SeedOrder): Record<string, unknown> {
  const tracking = list(fulfillment.trackingInfo)[0];
  return {
    ...ref(fulfillment),
    order_id: legacyId(order.id),
    name: fulfillment.name,
    status: String(fulfillment.status ?? 'success').toLowerCase(),
    shipment_status: String(fulfillment.displayStatus ?? '').toLowerCase() || null,
    tracking_company: tracking?.company ?? null,
    tracking_number: tracking?.number ?? null,
    updated_at: fulfillment.updatedAt ?? order.updatedAt,
  };
}
