import { describe, expect, it } from 'vitest';
import { PARIS, buildPolicy, makeContext, makeLine } from '../test-fixtures';
import { getAssumedSelection, simulateOrder } from './simulate-order';

const NOW = new Date('2026-03-20T10:00:00Z');

describe('simulateOrder', () => {
  it('decides every line and quotes returning every eligible unit for the assumed reason', () => {
    const two = makeLine({ returnableQuantity: 2, unitPrice: { amount: '45.00', currencyCode: 'EUR' } });
    const old = makeLine({ deliveredAt: new Date('2026-01-10T10:00:00Z'), fulfilledAt: new Date('2026-01-08T10:00:00Z') });
    const order = simulateOrder({ context: makeContext([two, old]), policy: buildPolicy(), now: NOW, timeZone: PARIS });
    expect(order.lines.map((l) => [l.units, l.decision, l.clauseIds])).toEqual([[2, 'eligible', []], [1, 'not_eligible', ['2.1']]]);
    expect(order.lines[1]?.reasons).toEqual([{ clauseId: '2.1', key: 'policy:refusal.windowClosed.delivery' }]);
    // size-too-small, refunded: the customer pays the 4.90 return shipping out of 90.00.
    expect(order.quote).toEqual({
      itemsValue: { amount: '90.00', currencyCode: 'EUR' }, fees: { amount: '4.90', currencyCode: 'EUR' },
      estimatedRefund: { amount: '85.10', currencyCode: 'EUR' }, bonus: { amount: '0.00', currencyCode: 'EUR' },
    });
  });

  it('has no quote when nothing can be returned', () => {
    const order = simulateOrder({ context: makeContext([makeLine({ isGiftCard: true })]), policy: buildPolicy(), now: NOW, timeZone: PARIS });
    expect(order.lines[0]?.decision).toBe('not_eligible');
    expect(order.quote).toBeNull();
  });
});

describe('getAssumedSelection', () => {
  it("takes the policy's first reason that allows a refund, to the original payment", () => {
    const policy = buildPolicy((p) => p.reasons.unshift({ ...p.reasons[0]!, id: 'exchange-only', outcomes: ['exchange'] }));
    expect(getAssumedSelection(policy)).toMatchObject({ reason: { id: 'size-too-small' }, outcome: 'refund', refundMethod: 'original_payment' });
  });

  it('refunds as store credit when the policy offers no refund to the card, and assumes nothing without a refund reason', () => {
    expect(getAssumedSelection(buildPolicy((p) => (p.refunds.originalPayment = false)))?.refundMethod).toBe('store_credit');
    const noRefund = buildPolicy((p) => p.reasons.forEach((r) => (r.outcomes = ['exchange'])));
    expect(getAssumedSelection(noRefund)).toBeNull();
    expect(simulateOrder({ context: makeContext([makeLine()]), policy: noRefund, now: NOW, timeZone: PARIS }).quote).toBeNull();
  });
});
