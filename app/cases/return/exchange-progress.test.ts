import { describe, expect, it } from 'vitest';
import type { Case, CaseEvent, NewCaseEvent } from '../case-store';
import { asViewOf, toCaseView } from '../case-view';
import type { CaseExchange, CaseLine } from './details';
import { hasExchange, toBalancePaidEvent, toExchangeParcelEvents, type OrderParcel } from './exchange-progress';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const navyL: CaseExchange = {
  productId: 'gid://shopify/Product/1', variantId: 'gid://shopify/ProductVariant/13', productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy',
  unitPrice: eur('45.00'), settle: 'none', difference: eur('0.00'), stockLeft: 4, ships: 'in_transit', clauseId: '5.5',
};
const line = (overrides: Partial<CaseLine> = {}): CaseLine => ({
  fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/1', lineItemId: 'gid://shopify/LineItem/1', title: 'Marinière Saint-Malo', quantity: 1,
  reasonId: 'too-small', note: null, outcome: 'exchange', exchange: navyL, photoIds: [], decision: 'approved', clauseIds: ['5.1'], ...overrides,
});
const caseOf = (...lines: CaseLine[]) => ({
  id: 'C-7KQ2M9XA', kind: 'return', orderId: 'gid://shopify/Order/1038', orderName: '#1038', state: 'label_issued', providerRefs: {},
  details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: eur('45.00'), fees: eur('0.00'), estimatedRefund: eur('0.00') } },
}) as unknown as Case;

const at = new Date('2026-12-03T10:00:00Z');
let nextId = 1;
const logged = (added: NewCaseEvent[], existing: CaseEvent[] = []): CaseEvent[] =>
  [...existing, ...added.map((event) => ({ ...event, id: nextId++, caseId: 'C-7KQ2M9XA' }))];

const NEW_ITEM = 'gid://shopify/LineItem/900';
const parcel = (overrides: Partial<OrderParcel> = {}): OrderParcel => ({
  fulfillmentId: 'gid://shopify/Fulfillment/77', lineItemIds: [NEW_ITEM],
  tracking: { carrier: 'Colissimo', number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' }, delivered: false, ...overrides,
});

describe('an exchange’s new item on its way to the shopper', () => {
  it('logs the parcel carrying the new item as shipped once, then delivered once, whatever Shopify repeats', () => {
    const shipped = toExchangeParcelEvents([], [NEW_ITEM], parcel(), at);
    expect(shipped).toEqual([{ at, type: 'exchange_shipped', actor: 'store', data: {
      fulfillmentId: 'gid://shopify/Fulfillment/77', carrier: 'Colissimo', trackingNumber: '6A12345678901', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
    } }]);
    const events = logged(shipped);
    expect(toExchangeParcelEvents(events, [NEW_ITEM], parcel(), at)).toEqual([]);
    const delivered = toExchangeParcelEvents(events, [NEW_ITEM], parcel({ delivered: true }), at);
    expect(delivered.map((event) => event.type)).toEqual(['exchange_delivered']);
    expect(toExchangeParcelEvents(logged(delivered, events), [NEW_ITEM], parcel({ delivered: true }), at)).toEqual([]);
  });

  it('logs both steps when the shipping news was missed and the parcel arrives delivered', () => {
    expect(toExchangeParcelEvents([], [NEW_ITEM], parcel({ delivered: true }), at).map((event) => event.type)).toEqual(['exchange_shipped', 'exchange_delivered']);
  });

  it('ignores the order’s other parcels, and every parcel while Shopify has not made the exchange an order line yet', () => {
    expect(toExchangeParcelEvents([], [NEW_ITEM], parcel({ lineItemIds: ['gid://shopify/LineItem/1'] }), at)).toEqual([]);
    expect(toExchangeParcelEvents([], [], parcel(), at)).toEqual([]);
  });

  it('shows the shopper the new item’s parcel, with its tracking, and when it was delivered', () => {
    const shipped = logged(toExchangeParcelEvents([], [NEW_ITEM], parcel(), at));
    const view = asViewOf(toCaseView(caseOf(line()), shipped, { helpdesk: false }), 'return');
    expect(view.exchangeParcel).toEqual({
      stage: 'shipped', carrier: 'Colissimo', trackingNumber: '6A12345678901', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
      shippedAt: at.toISOString(), deliveredAt: null,
    });
    expect(view.events.map((event) => event.type)).toEqual(['exchange_shipped']);
    const later = new Date('2026-12-05T09:00:00Z');
    const delivered = logged(toExchangeParcelEvents(shipped, [NEW_ITEM], parcel({ delivered: true }), later), shipped);
    expect(asViewOf(toCaseView(caseOf(line()), delivered, { helpdesk: false }), 'return').exchangeParcel).toMatchObject({ stage: 'delivered', deliveredAt: later.toISOString() });
    expect(asViewOf(toCaseView(caseOf(line()), [], { helpdesk: false }), 'return').exchangeParcel).toBeNull();
  });

  it('is news only for a return with an item exchanged and not declined', () => {
    expect(hasExchange(caseOf(line()))).toBe(true);
    expect(hasExchange(caseOf(line({ outcome: 'refund', exchange: undefined })))).toBe(false);
    expect(hasExchange(caseOf(line({ decision: 'declined' })))).toBe(false);
  });
});

describe('an exchange’s price difference, paid', () => {
  const invoiced = logged([{ at, type: 'exchange_invoice_sent', actor: 'system', data: { amounts: ['4.00 EUR'] } }]);

  it('is logged once, when the order owes nothing after the invoice was sent', () => {
    const paid = toBalancePaidEvent(invoiced, { amount: '0.00' }, at);
    expect(paid).toEqual({ at, type: 'exchange_balance_paid', actor: 'store', data: { amounts: ['4.00 EUR'] } });
    expect(toBalancePaidEvent(logged([paid!], invoiced), { amount: '0.00' }, at)).toBeNull();
    expect(asViewOf(toCaseView(caseOf(line()), logged([paid!], invoiced), { helpdesk: false }), 'return').balancePaid).toBe(true);
  });

  it('is not logged while something is still owed, nor when no invoice was sent', () => {
    expect(toBalancePaidEvent(invoiced, { amount: '4.00' }, at)).toBeNull();
    expect(toBalancePaidEvent([], { amount: '0.00' }, at)).toBeNull();
    expect(asViewOf(toCaseView(caseOf(line()), invoiced, { helpdesk: false }), 'return').balancePaid).toBe(false);
  });
});
