import { createHash } from 'node:crypto';
import { toAlpha3, type EmulatedAddress, type EmulatedOrder } from './orders.server';

/*
 * The emulator's returns, held as AfterShip's wire objects (snake_case), so what the API answers
 * and what the webhooks carry are the same snapshot. Ids are derived from a counter, so a reset
 * emulator hands out the same ids again: 32 hex like AfterShip's, and 8-character RMA numbers.
 */

export type ApprovalStatus = 'submitted' | 'approved' | 'done' | 'rejected' | 'expired';
export type ShippingStatus = 'no_label' | 'pending' | 'in_transit' | 'delivered' | 'partially_received' | 'received' | 'void';
type Money = { amount: string; currency: string };

export type WireAddress = {
  contact_name: string | null; company_name: string | null; street_1: string | null; street_2: string | null; city: string | null;
  state: { name: string } | null; postal_code: string | null; country_region: { code: string } | null; phone: string | null; email: string | null;
};

export type WireShipment = {
  id: string; tracking_number: string; tracking_status: string | null; slug: string;
  items: Array<{ external_order_item_id: string; quantity: number }>;
  label: { url: string | null; slug: string; aftership_shipping_slug: string; total_charge: Money | null; qr_code_url: string | null } | null;
  packing_slip_url: null; shipping_documents_url: null; invoice_url: null; source: 'merchant_generate';
  created_at: string; tracking_status_updated_at: string | null; ship_from: WireAddress | null; ship_to: WireAddress | null;
};

export type WireReturn = Record<string, unknown> & {
  id: string; rma_number: string; approval_status: ApprovalStatus; shipping_status: ShippingStatus;
  order: { id: string; external_id: string; order_number: string; order_name: string } & Record<string, unknown>;
  return_items: Array<Record<string, unknown> & { external_order_item_id: string; intended_return_quantity: number; unit_price: string }>;
  shipments: WireShipment[]; receivings: Array<Record<string, unknown>>; refunds: Array<Record<string, unknown>>;
  refund_destination: 'original_payment' | 'store_credit';
  /** Not on the wire: the label reference the approve call asked for (printed on the label). */
  label_reference?: string;
};

export const hexId = (label: string) => createHash('sha256').update(label).digest('hex').slice(0, 32);
const RMA_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const rmaOf = (n: number) => Array.from(createHash('sha256').update(`rma-${n}`).digest().subarray(0, 8), (b) => RMA_ALPHABET[b % RMA_ALPHABET.length]).join('');

export function toWireAddress(address: EmulatedAddress, email: string | null = null): WireAddress {
  return {
    contact_name: address.name, company_name: null, street_1: address.address1, street_2: address.address2, city: address.city,
    state: address.province ? { name: address.province } : null, postal_code: address.zip, country_region: { code: toAlpha3(address.countryCode) },
    phone: address.phone, email,
  };
}

export type CreateInput = {
  order: EmulatedOrder;
  storeId: string;
  items: Array<{ external_order_item_id: string; intended_return_quantity: number; return_reason: string; return_subreason?: string | undefined; return_reason_comment?: string | undefined }>;
  returnMethod: string;
  refundDestination: 'original_payment' | 'store_credit';
  organizationId: string;
};

/** A new submitted return, as `POST /returns` makes it. */
export function newReturn(n: number, input: CreateInput, now: Date): WireReturn {
  const { order } = input;
  const id = hexId(`return-${n}`);
  const money = (amount: string): Money => ({ amount, currency: order.currency });
  const items = input.items.map((item, index) => {
    const line = order.lines.find((l) => l.externalId === item.external_order_item_id)!;
    return {
      id: hexId(`return-${n}-item-${index}`), external_order_item_id: line.externalId, external_product_id: line.productId,
      external_variant_id: line.variantId, sku: line.sku, product_title: line.title, variant_title: line.variantTitle,
      intended_return_quantity: item.intended_return_quantity, ordered_quantity: line.quantity, return_quantity: item.intended_return_quantity,
      refund_quantity: 0, received_quantity: 0, restocked_quantity: 0, removed_quantity: 0,
      return_reason: item.return_reason, return_subreason: item.return_subreason ?? '', return_reason_comment: item.return_reason_comment ?? '',
      unit_display_price: money(line.unitPrice), unit_discounted_price_including_tax: money(line.unitPrice), unit_discount: money('0.00'), unit_tax: null,
      properties: [], shopper_uploaded_image_urls: [], product_image_urls: [], product_categories: [], product_tags: [], item_tags: [],
      merchant_uploaded_image_urls: [], bundled_items: [], exchange_variant: null, parent_item_id: null, green_return: false,
      unit_price: line.unitPrice,
    };
  });
  const total = items.reduce((sum, item) => sum + Math.round(Number(item.unit_price) * 100) * item.intended_return_quantity, 0);
  const totalMoney = money((total / 100).toFixed(2));
  return {
    id, rma_number: rmaOf(n), organization: { id: input.organizationId }, contact_email: order.email, filed_by: 'merchant',
    approval_status: 'submitted', approved_at: null, auto_approved: null, rejected_at: null, reject_reason: null, auto_rejected: null,
    resolved_at: null, auto_resolved: null, refunded_at: null, auto_refunded: null, auto_received: null, expired_at: null,
    shop_now: false, merchant_note: null, return_total_including_tax: totalMoney, return_tax: null, refund_destination: input.refundDestination,
    refunded_total: null, estimated_refund_total: totalMoney, checkout_total: null,
    shipping_address: toWireAddress(order.shippingAddress, order.email),
    order: {
      id: hexId(`order-${order.externalId}`), external_id: order.externalId, order_number: order.number, order_name: order.name,
      customer: { emails: [order.email], locale: order.locale }, country_region: toAlpha3(order.shippingAddress.countryCode),
      store: { platform: 'shopify', external_id: input.storeId }, placed_at: order.placedAt,
    },
    return_items: items,
    return_method: { type: input.returnMethod, name: 'Prepaid return label' },
    exchange: null, instant_exchange: null, receivings: [], is_gift_return: false, shipments: [], restocks: [], cost_of_return: null,
    refunds: [], dropoffs: [], outcomes: [input.refundDestination === 'store_credit' ? 'store_credit' : 'refund'],
    created_at: now.toISOString(), shipping_status: 'no_label', exceptions: [],
  };
}

/** The return as AfterShip sends it: our private fields left out. */
export function toWire(ret: WireReturn): Record<string, unknown> {
  const { label_reference: _reference, return_items: items, ...rest } = ret;
  return { ...rest, return_items: items.map(({ unit_price: _price, ...item }) => item) };
}

/** What is left of each order line once the open returns are counted: a line cannot go back twice. */
export function returnableQuantity(returns: Iterable<WireReturn>, order: EmulatedOrder, lineId: string): number {
  const ordered = order.lines.find((l) => l.externalId === lineId)?.quantity ?? 0;
  let taken = 0;
  for (const ret of returns) {
    if (ret.order.external_id !== order.externalId || ret.approval_status === 'rejected' || ret.approval_status === 'expired') continue;
    for (const item of ret.return_items) if (item.external_order_item_id === lineId) taken += item.intended_return_quantity;
  }
  return ordered - taken;
}

/** The refund a resolved return gets: every item, to the destination the shopper chose. */
export function toRefund(ret: WireReturn, n: number): Record<string, unknown> {
  const currency = String((ret.return_total_including_tax as Money | null)?.currency ?? 'EUR');
  const total = (ret.return_total_including_tax as Money | null) ?? { amount: '0.00', currency };
  return {
    destination: ret.refund_destination, external_id: String(9_120_500_000 + n), store_credit_reference: ret.refund_destination === 'store_credit' ? `GC-${ret.rma_number}` : null,
    total,
    items: ret.return_items.map((item) => ({
      external_order_item_id: item.external_order_item_id, external_product_id: String(item.external_product_id), external_variant_id: String(item.external_variant_id),
      sku: String(item.sku), title: String(item.product_title), refund_quantity: item.intended_return_quantity,
    })),
    transactions: [],
  };
}
