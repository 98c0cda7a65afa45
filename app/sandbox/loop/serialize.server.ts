import { DESTINATION, RETURN_REASONS, type DraftReturnRecord, type EmulatedReturn } from './store.server';

/*
 * Loop's wire shapes, written from its published examples: returns as the details call, the list
 * and the return webhook show them (ids as strings, money as strings, `labels[]`), and draft
 * returns as HAL-Forms resources whose `_links` say what can be done next.
 */

/** Where the emulator's files and pages are: the control mount, on the request's origin. */
export type Urls = { api: string; controls: string };

const money = (cents: number) => (cents / 100).toFixed(2);

export function toReturnJson(target: EmulatedReturn, urls: Urls) {
  const cents = target.lines.reduce((sum, item) => sum + Math.round(Number(item.line.price) * 100) * item.quantity, 0);
  const refunded = target.refunds.reduce((sum, refund) => sum + Math.round(Number(refund.amount) * 100), 0);
  const labelUrl = `${urls.controls}/labels/${target.label.token}.pdf`;
  const { order } = target;
  return {
    id: String(target.id),
    state: target.state,
    created_at: target.createdAt,
    updated_at: target.updatedAt,
    total: money(cents),
    outcome: 'refund',
    order_id: Number(order.providerOrderId.slice(-6)),
    order_name: order.name,
    provider_order_id: order.providerOrderId,
    order_number: order.name.replace(/^#/, ''),
    customer: order.email,
    customer_detail: { email: order.email, first_name: order.customer.firstName, last_name: order.customer.lastName },
    address: {
      name: order.address.name, company: null, address1: order.address.address1, address2: order.address.address2, city: order.address.city,
      state: null, zip: order.address.zip, country: order.address.countryCode, country_code: order.address.countryCode, phone: order.address.phone,
    },
    currency: order.currency,
    return_product_total: money(cents), return_total: money(cents), refund: money(refunded),
    status_page_url: `${urls.controls}#return-${target.id}`,
    is_gift_return: false,
    carrier: target.label.carrier,
    tracking_number: target.label.trackingNumber,
    label_status: target.label.status,
    label_url: labelUrl,
    label_updated_at: target.label.updatedAt,
    destination_id: '1',
    destination: DESTINATION,
    labels: [{
      status: target.label.status, updated_at: target.label.updatedAt, url: labelUrl, rate: 1093, carrier: target.label.carrier,
      tracking_number: target.label.trackingNumber, qr_code_url: `${urls.controls}/labels/${target.label.token}.png`,
      line_items: target.lines.map((item) => Number(item.line.loopLineItemId)),
    }],
    line_items: target.lines.map((item) => ({
      line_item_id: Number(item.line.loopLineItemId), provider_line_item_id: item.line.providerLineItemId, sku: item.line.sku, title: item.line.title,
      price: item.line.price, quantity: item.quantity, return_reason: item.reason.name, parent_return_reason: null,
    })),
    refunds: target.refunds.map((refund) => ({
      gateway: refund.gateway, amount: refund.amount, currency: refund.currency, provider_refund_id: refund.providerRefundId, provider: 'shopify',
    })),
  };
}

const template = (title: string, properties: Array<{ name: string; required?: boolean }> = []) => ({ method: 'POST', title, contentType: 'application/json', properties });

export function toDraftJson(draft: DraftReturnRecord, urls: Urls) {
  const self = `${urls.api}/api/v1/draft-returns/${draft.id}`;
  const links: Record<string, { href: string }> = { self: { href: self }, 'order-items': { href: `${self}/order/items` } };
  const templates: Record<string, ReturnType<typeof template>> = {};
  if (draft.state === 'created') {
    links['add-returning-item'] = { href: `${self}/returning-items` };
    templates['add-returning-item'] = template('Add a line item to the return', [
      { name: 'line_item_id', required: true }, { name: 'return_reason_id', required: true }, { name: 'quantity' }, { name: 'comment' },
    ]);
    if (draft.items.length > 0) {
      links['finalize-items'] = { href: `${self}/finalize-items` };
      templates['finalize-items'] = template('Finish choosing items');
    }
  }
  if (draft.state === 'items_finalized') {
    links['submit-draft-return'] = { href: `${self}/submit` };
    templates['submit-draft-return'] = template('Submit the return');
  }
  return {
    draft_return: {
      id: draft.id, state: draft.state, currency: draft.order.currency, language: 'en', order_name: draft.order.name,
      return_id: draft.returnId, items: draft.items.map((item) => ({ line_item_id: Number(item.loopLineItemId), return_reason_id: item.reasonId, quantity: item.quantity })),
    },
    context: { order: { name: draft.order.name, currency: draft.order.currency } },
    errors: [],
    _links: links,
    _templates: templates,
  };
}

export function toOrderItemsJson(draft: DraftReturnRecord, unitsReturned: (line: DraftReturnRecord['order']['lines'][number]) => number) {
  return {
    items: draft.order.lines.map((line) => {
      const left = line.quantity - unitsReturned(line);
      return {
        id: Number(line.loopLineItemId), provider_line_item_id: line.providerLineItemId, title: line.title, sku: line.sku,
        price: Math.round(Number(line.price) * 100), quantity: Math.max(0, left), returnable: left > 0, return_reasons: RETURN_REASONS,
      };
    }),
  };
}
