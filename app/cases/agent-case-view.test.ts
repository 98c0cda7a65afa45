import { describe, expect, it } from 'vitest';
import { aLine, anOrder } from '~/orders/test-fixtures';
import type { Policy } from '~/policy/policy-schema';
import { toAgentCaseView } from './agent-case-view';
import type { Case } from './case-store';
import type { CaseExchange, CaseLine } from './return/details';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const larger: CaseExchange = {
  productId: 'gid://shopify/Product/1', variantId: 'gid://shopify/ProductVariant/14', productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy',
  unitPrice: eur('45.00'), settle: 'none', difference: eur('0.00'), stockLeft: 4, ships: 'received', clauseId: '5.5',
};
const line = (overrides: Partial<CaseLine>): CaseLine => ({
  fulfillmentLineItemId: 'f1', lineItemId: 'gid://shopify/LineItem/1', title: 'Marinière Saint-Malo', quantity: 1, reasonId: 'too-small', note: null,
  outcome: 'exchange', photoIds: [], decision: 'approved', clauseIds: ['5.5'], exchange: larger, ...overrides,
});
const caseOf = (state: Case['state'], ...lines: CaseLine[]) => ({
  id: 'C-7KQ2M9XA', kind: 'return', orderId: 'gid://shopify/Order/16', orderName: '#1016', state, providerRefs: {}, language: 'fr',
  policyVersion: 'abc123', createdAt: new Date('2026-11-20T08:00:00Z'),
  details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: eur('45.00'), fees: eur('0.00'), estimatedRefund: eur('0.00') } },
}) as unknown as Case;
const context = {
  policy: { reasons: [], sections: [] } as unknown as Policy, language: 'en' as const, shopDomain: 'demo.myshopify.com', ticketUrl: null,
  signPhoto: (key: string) => `/photos/${key}?signed`,
};
const order = anOrder({ id: 'gid://shopify/Order/16', lineItems: [aLine({ title: 'Marinière Saint-Malo', variantTitle: 'M / Navy' })] });
const viewOf = (found: Case) => toAgentCaseView(found, [], order, context);

describe('an exchange on the agent’s case page', () => {
  it('shows the new item with the stock when the case was sent, the difference and when it ships', () => {
    const view = viewOf(caseOf('approved', line({})));
    expect(view.lines[0]?.exchange).toEqual({
      productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy', settle: 'none', difference: eur('0.00'), stockLeft: 4, ships: 'received', addOnApproval: false,
    });
    expect(view.refunded).toBe(false);
  });

  it('asks the agent to add the new item while the line waits for a decision, not once the store has answered', () => {
    expect(viewOf(caseOf('needs_review', line({ decision: 'needs_review' }))).lines[0]?.exchange?.addOnApproval).toBe(true);
    expect(viewOf(caseOf('approved', line({ decision: 'needs_review' }))).lines[0]?.exchange?.addOnApproval).toBe(false);
    expect(viewOf(caseOf('declined', line({ decision: 'needs_review' }))).lines[0]?.exchange?.addOnApproval).toBe(false);
  });

  it('keeps the refund for a case where some item goes back for money, and no exchange on that line', () => {
    const view = viewOf(caseOf('received', line({}), line({ fulfillmentLineItemId: 'f2', outcome: 'refund', exchange: undefined })));
    expect(view.refunded).toBe(true);
    expect(view.lines[1]?.exchange).toBeNull();
  });
});
