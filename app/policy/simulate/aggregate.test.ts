import { describe, expect, it } from 'vitest';
import { PARIS, buildPolicy, makeContext, makeLine } from '../test-fixtures';
import { summarizeSimulation } from './aggregate';
import { simulateOrder } from './simulate-order';

const NOW = new Date('2026-03-20T10:00:00Z');
const policy = buildPolicy();
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

/** The store's usual week: one order of each kind the report must tell apart. */
const orders = [
  makeContext([makeLine(), makeLine({ productTags: ['final-sale'] })], { orderId: 'gid://shopify/Order/1' }),
  makeContext([makeLine({ deliveredAt: new Date('2026-01-05T10:00:00Z') }), makeLine({ deliveredAt: null, fulfilledAt: new Date('2026-03-18T10:00:00Z') })], { orderId: 'gid://shopify/Order/2' }),
  makeContext([makeLine({ unitPrice: { amount: '650.00', currencyCode: 'EUR' } })], { orderId: 'gid://shopify/Order/3', orderTotal: { amount: '650.00', currencyCode: 'EUR' } }),
  makeContext([makeLine({ unitPrice: usd('30.00') })], { orderId: 'gid://shopify/Order/4', orderTotal: usd('30.00'), shippingCountryCode: 'US' }),
  makeContext([], { orderId: 'gid://shopify/Order/5' }),
].map((context) => simulateOrder({ context, policy, now: NOW, timeZone: PARIS }));

describe('summarizeSimulation', () => {
  const summary = summarizeSimulation(orders, policy);

  it('counts lines by outcome, and orders with returnable lines', () => {
    expect(summary).toMatchObject({ orders: 5, ordersWithLines: 4, lines: { total: 6, eligible: 2, needs_review: 1, not_eligible: 3 } });
  });

  it('counts refusals and reviews by clause, with the titles the policy page shows and each reason', () => {
    expect(summary.refusalsByClause).toEqual([
      { clauseId: '2.1', title: '30 days from delivery', lines: 2, byReason: { 'windowClosed.delivery': 1, notDeliveredYet: 1 } },
      { clauseId: '3.2', title: 'Final sale', lines: 1, byReason: { 'excluded.tag': 1 } },
    ]);
    expect(summary.reviewsByClause).toEqual([{ clauseId: '7.1', title: 'Requests checked by our team', lines: 1, byReason: { orderValue: 1 } }]);
    expect(summarizeSimulation(orders, policy, 'fr').refusalsByClause[0]?.title).toBe('30 jours après la livraison');
  });

  it('totals refunds and fees per currency, never across currencies', () => {
    expect(summary.money).toEqual([
      // 45.00 and 650.00, each with its 4.90 return shipping.
      { currencyCode: 'EUR', orders: 2, itemsValue: '695.00', fees: '9.80', estimatedRefund: '685.20', bonus: '0.00' },
      { currencyCode: 'USD', orders: 1, itemsValue: '30.00', fees: '5.50', estimatedRefund: '24.50', bonus: '0.00' },
    ]);
  });

  it('reports an empty store as zeros', () => {
    expect(summarizeSimulation([], policy)).toEqual({
      orders: 0, ordersWithLines: 0, lines: { total: 0, eligible: 0, needs_review: 0, not_eligible: 0 },
      refusalsByClause: [], reviewsByClause: [], money: [], exchanges: null,
    });
  });
});
