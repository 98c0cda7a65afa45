import { describe, expect, it } from 'vitest';
import type { Case } from '../case-store';
import { asViewOf, toCaseView } from '../case-view';
import type { CaseExchange, CaseLine } from './details';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const polo: CaseExchange = {
  productId: 'gid://shopify/Product/2', variantId: 'gid://shopify/ProductVariant/21', productTitle: 'Polo Marin', variantTitle: 'M / Navy',
  unitPrice: eur('49.00'), settle: 'invoice', difference: eur('4.00'), stockLeft: 3, ships: 'in_transit', clauseId: '5.5',
};
const line = (id: string, overrides: Partial<CaseLine>): CaseLine => ({
  fulfillmentLineItemId: id, lineItemId: `${id}-item`, title: 'Marinière Saint-Malo', quantity: 1, reasonId: 'too-small', note: null,
  outcome: 'refund', photoIds: [], decision: 'approved', clauseIds: [], ...overrides,
});
const caseOf = (state: Case['state'], ...lines: CaseLine[]) => ({
  id: 'C-7KQ2M9XA', kind: 'return', orderName: '#1016', state, providerRefs: {},
  details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: eur('90.00'), fees: eur('0.00'), estimatedRefund: eur('45.00') } },
}) as unknown as Case;
const viewOf = (found: Case) => asViewOf(toCaseView(found, [], { helpdesk: false }), 'return');

describe('an exchange on the shopper’s case page', () => {
  it('shows the new item, its price difference and when it ships, beside a line refunded as usual', () => {
    const view = viewOf(caseOf('approved', line('f1', { outcome: 'exchange', exchange: polo }), line('f2', {})));
    expect(view.lines[0]?.exchange).toEqual({ productTitle: 'Polo Marin', variantTitle: 'M / Navy', settle: 'invoice', difference: eur('4.00'), ships: 'in_transit', image: null });
    expect(view.lines[1]?.exchange).toBeNull();
    // One item still goes back for money: its refund is shown.
    expect(view.refunded).toBe(true);
  });

  it('claims no refund when every item is exchanged', () => {
    const view = viewOf(caseOf('received', line('f1', { outcome: 'exchange', exchange: polo }), line('f2', { outcome: 'exchange', exchange: { ...polo, settle: 'none', difference: eur('0.00') } })));
    expect(view.refunded).toBe(false);
    expect(view.lines.map((shown) => shown.exchange?.settle)).toEqual(['invoice', 'none']);
  });

  it('keeps the store’s stock to itself, and shows no new item for a case kept before exchanges had one', () => {
    const [shown] = viewOf(caseOf('received', line('f1', { outcome: 'exchange', exchange: polo }))).lines;
    expect(shown?.exchange).not.toHaveProperty('stockLeft');
    expect(viewOf(caseOf('received', line('f1', { outcome: 'exchange' }))).lines[0]?.exchange).toBeNull();
  });
});
