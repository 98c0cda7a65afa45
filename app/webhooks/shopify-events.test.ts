import { describe, expect, it } from 'vitest';
import { toShopifyEvent, toSubscriptionTopic } from './shopify-events';

const ret = { id: 981, admin_graphql_api_id: 'gid://shopify/Return/981', status: 'declined', order: { id: 55, admin_graphql_api_id: 'gid://shopify/Order/55' } };

describe('Shopify webhook payloads', () => {
  it('keeps the ids of an order, a fulfillment and a refund', () => {
    expect(toShopifyEvent('orders/updated', { id: 55, admin_graphql_api_id: 'gid://shopify/Order/55', email: 'x@example.com' })).toEqual({ kind: 'order_changed', orderId: 'gid://shopify/Order/55', balanceDue: null, cancelledAt: null });
    expect(toShopifyEvent('fulfillments/update', { id: 7, order_id: 55, status: 'success' })).toEqual({ kind: 'order_changed', orderId: 'gid://shopify/Order/55' });
    expect(toShopifyEvent('refunds/create', { id: 3, order_id: 55, return: { id: 981, admin_graphql_api_id: 'gid://shopify/Return/981' } }))
      .toEqual({ kind: 'refund_created', orderId: 'gid://shopify/Order/55', returnId: 'gid://shopify/Return/981', refund: null });
  });

  it('reads what an order still owes, in its currency', () => {
    expect(toShopifyEvent('orders/updated', { admin_graphql_api_id: 'gid://shopify/Order/55', total_outstanding: '0.00', currency: 'eur' }))
      .toEqual({ kind: 'order_changed', orderId: 'gid://shopify/Order/55', balanceDue: { amount: '0.00', currencyCode: 'EUR' }, cancelledAt: null });
    // A balance Shopify spells oddly is not guessed at: the order's change still counts.
    expect(toShopifyEvent('orders/updated', { admin_graphql_api_id: 'gid://shopify/Order/55', total_outstanding: 'n/a', currency: 'EUR' })).toMatchObject({ balanceDue: null });
  });

  it('reads when the order was cancelled, and ignores a date it cannot read', () => {
    expect(toShopifyEvent('orders/cancelled', { admin_graphql_api_id: 'gid://shopify/Order/55', cancelled_at: '2026-12-03T10:15:00+01:00' })).toMatchObject({ cancelledAt: '2026-12-03T10:15:00+01:00' });
    expect(toShopifyEvent('orders/cancelled', { admin_graphql_api_id: 'gid://shopify/Order/55', cancelled_at: 'yesterday' })).toMatchObject({ kind: 'order_changed', cancelledAt: null });
  });

  it("reads a parcel's line items, tracking and delivery", () => {
    const payload = {
      id: 77, admin_graphql_api_id: 'gid://shopify/Fulfillment/77', order_id: 55, status: 'success', shipment_status: 'delivered',
      tracking_company: ' Colissimo ', tracking_number: '6A12345678901', tracking_url: null, tracking_urls: ['https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901'],
      line_items: [{ id: 900, admin_graphql_api_id: 'gid://shopify/LineItem/900', quantity: 1 }, { id: 901, quantity: 1 }, { title: 'no id' }],
    };
    expect(toShopifyEvent('fulfillments/create', payload)).toEqual({
      kind: 'fulfillment_changed', orderId: 'gid://shopify/Order/55', fulfillmentId: 'gid://shopify/Fulfillment/77',
      lineItemIds: ['gid://shopify/LineItem/900', 'gid://shopify/LineItem/901'],
      tracking: { carrier: 'Colissimo', number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' }, delivered: true,
    });
    // A tracking address that is not a web page is never linked to.
    expect(toShopifyEvent('fulfillments/update', { ...payload, tracking_url: 'javascript:alert(1)', tracking_urls: [], shipment_status: 'in_transit' }))
      .toMatchObject({ tracking: { url: null }, delivered: false });
  });

  it("reads a refund's actual amount: its successful refund transactions, summed", () => {
    const tx = (amount: string, extra: Record<string, unknown> = {}) => ({ id: 1, kind: 'refund', status: 'success', amount, currency: 'EUR', gateway: 'shopify_payments', ...extra });
    const refund = (transactions: unknown[]) => toShopifyEvent('refunds/create', { id: 3, order_id: 55, return: null, transactions });
    expect(refund([tx('20.00'), tx('7.50'), tx('99.00', { status: 'failure' }), tx('5.00', { kind: 'sale' })]))
      .toMatchObject({ refund: { amount: { amount: '27.50', currencyCode: 'EUR' }, method: 'original_payment' } });
    expect(refund([tx('12.00', { gateway: 'shopify_store_credit' })])).toMatchObject({ refund: { amount: { amount: '12.00', currencyCode: 'EUR' }, method: 'store_credit' } });
    // A restock with no money moved, or transactions in two currencies: no amount to compare.
    expect(refund([])).toMatchObject({ refund: null });
    expect(refund([tx('1.00'), tx('1.00', { currency: 'USD' })])).toMatchObject({ refund: null });
  });

  it('reads a decline reason spelled the REST way, and its note', () => {
    expect(toShopifyEvent('returns/decline', { ...ret, decline: { reason: 'final_sale', note: ' Sold as is. ' } })).toEqual({
      kind: 'return_changed', returnId: 'gid://shopify/Return/981', orderId: 'gid://shopify/Order/55', status: 'declined',
      decline: { reason: 'FINAL_SALE', note: 'Sold as is.' },
    });
    // An unknown reason is still a decline; a payload naming no order still names the return.
    expect(toShopifyEvent('returns/decline', { admin_graphql_api_id: 'gid://shopify/Return/981', decline: { reason: 'too_late' } }))
      .toMatchObject({ orderId: null, decline: { reason: 'OTHER', note: null } });
  });

  it('refuses a payload without the ids it needs', () => {
    expect(toShopifyEvent('returns/approve', { id: 981 })).toBeNull();
    expect(toShopifyEvent('orders/cancelled', { admin_graphql_api_id: 'gid://shopify/Return/1' })).toBeNull();
    expect(toShopifyEvent('fulfillments/create', 'not an object')).toBeNull();
  });

  it('names topics as the subscription enum does', () => {
    expect(toSubscriptionTopic('returns/approve')).toBe('RETURNS_APPROVE');
    expect(toSubscriptionTopic('fulfillments/create')).toBe('FULFILLMENTS_CREATE');
  });
});
