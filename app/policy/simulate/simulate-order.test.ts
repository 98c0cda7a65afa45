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

describe('exchanges in the simulation', () => {
  const variant = (id: string, available: number) => ({ id, title: id, price: { amount: '45.00', currencyCode: 'EUR' }, available, availableForSale: available > 0 });
  const mariniere = (stock: Record<string, number>) => ({
    id: 'gid://shopify/Product/1', title: 'Marinière', productType: 'Tops', collectionIds: [],
    variants: Object.entries(stock).map(([id, available]) => variant(id, available)),
  });
  const polo = { id: 'gid://shopify/Product/2', title: 'Polo', productType: 'Tops', collectionIds: [], variants: [variant('gid://shopify/ProductVariant/21', 5)] };
  const line = makeLine({ productId: 'gid://shopify/Product/1', variantId: 'gid://shopify/ProductVariant/11' });
  const run = (products: ReturnType<typeof mariniere>[] | (ReturnType<typeof mariniere> | typeof polo)[], policy = buildPolicy()) =>
    simulateOrder({ context: makeContext([line]), policy, now: NOW, timeZone: PARIS, catalog: new Map([['gid://shopify/Product/1', products]]) }).lines[0]!.exchange;

  it('says what an exchange could give a returnable line today: another variant, only another product, or nothing in stock', () => {
    expect(run([mariniere({ 'gid://shopify/ProductVariant/11': 3, 'gid://shopify/ProductVariant/12': 2 })])).toBe('same_product');
    const across = buildPolicy((p) => (p.exchanges!.acrossProducts = { among: 'product-type', priceRangePercent: 20 }));
    const sizesOnly = buildPolicy((p) => (p.exchanges!.acrossProducts = { among: 'none', priceRangePercent: 20 }));
    const soldOutSizes = () => [mariniere({ 'gid://shopify/ProductVariant/11': 3, 'gid://shopify/ProductVariant/12': 0 }), polo];
    expect(run(soldOutSizes(), across)).toBe('other_product');
    expect(run(soldOutSizes(), sizesOnly)).toBe('sold_out');
    expect(run([mariniere({ 'gid://shopify/ProductVariant/11': 3, 'gid://shopify/ProductVariant/12': 0 })])).toBe('sold_out');
    expect(run([])).toBe('sold_out');
  });

  it('counts no exchange where the policy has none, and nothing for a line that cannot go back or when the catalog was not read', () => {
    const without = buildPolicy((p) => delete p.exchanges);
    expect(run([mariniere({ 'gid://shopify/ProductVariant/12': 2 })], without)).toBe('not_offered');
    const gift = simulateOrder({ context: makeContext([makeLine({ isGiftCard: true })]), policy: buildPolicy(), now: NOW, timeZone: PARIS, catalog: new Map() });
    expect(gift.lines[0]!.exchange).toBeNull();
    expect(simulateOrder({ context: makeContext([line]), policy: buildPolicy(), now: NOW, timeZone: PARIS }).lines[0]!.exchange).toBeNull();
  });
});
