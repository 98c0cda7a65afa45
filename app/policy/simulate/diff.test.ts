import { describe, expect, it } from 'vitest';
import { PARIS, buildPolicy, makeContext, makeLine } from '../test-fixtures';
import { diffActions, diffExchanges, diffSimulations } from './diff';
import type { SimulatedActions } from './simulate-actions';
import { simulateOrder, type SimulatedLine } from './simulate-order';

const NOW = new Date('2026-03-20T10:00:00Z');
const thirty = buildPolicy();
const sixty = buildPolicy((p) => {
  p.window.days = 60;
  p.exclusions = p.exclusions.filter((e) => e.clause !== '3.3');
  p.version = 'sixty';
});

const recent = makeLine();
const fortyFiveDays = makeLine({ title: 'Pull Camionneur', sku: 'PUL-BDX-M', deliveredAt: new Date('2026-02-03T10:00:00Z') });
const tooOld = makeLine({ deliveredAt: new Date('2025-12-01T10:00:00Z') });
const socks = makeLine({ productType: 'Socks', sku: 'CHA-RED' });
const contexts = [makeContext([recent, fortyFiveDays, tooOld], { orderName: '#1006' }), makeContext([socks], { orderId: 'gid://shopify/Order/2', orderName: '#1002' })];
const run = (policy: typeof thirty) => contexts.map((context) => simulateOrder({ context, policy, now: NOW, timeZone: PARIS }));

describe('diffSimulations', () => {
  it('lists only the lines whose outcome changes, with the clause behind the change', () => {
    expect(diffSimulations(run(thirty), run(sixty))).toEqual([
      {
        orderId: 'gid://shopify/Order/1001', orderName: '#1006', fulfillmentLineItemId: fortyFiveDays.fulfillmentLineItemId,
        title: 'Pull Camionneur', sku: 'PUL-BDX-M', before: 'not_eligible', after: 'eligible', clauseIds: ['2.1'],
      },
      expect.objectContaining({ orderName: '#1002', sku: 'CHA-RED', before: 'not_eligible', after: 'eligible', clauseIds: ['3.3'] }),
    ]);
  });

  it('reads both ways, and finds nothing between a policy and itself', () => {
    expect(diffSimulations(run(sixty), run(thirty)).map((c) => [c.before, c.after])).toEqual([['eligible', 'not_eligible'], ['eligible', 'not_eligible']]);
    expect(diffSimulations(run(thirty), run(thirty))).toEqual([]);
  });

  it('skips a line that only one run has', () => {
    const [first, second] = run(sixty);
    expect(diffSimulations(run(thirty), [{ ...first!, lines: [] }, second!]).map((c) => c.orderName)).toEqual(['#1002']);
  });
});

describe('diffExchanges', () => {
  it('lists the lines whose exchange availability changes, and only those', () => {
    const order = (exchanges: (SimulatedLine['exchange'])[]) => ({
      orderId: 'o1', orderName: '#1001', currencyCode: 'EUR', quote: null,
      lines: exchanges.map((exchange, i) => ({ fulfillmentLineItemId: `f${i}`, title: `Item ${i}`, sku: null, units: 1, decision: 'eligible' as const, clauseIds: [], reasons: [], exchange })),
    });
    expect(diffExchanges([order(['same_product', 'other_product', null])], [order(['same_product', 'sold_out', 'not_offered'])]))
      .toEqual([{ orderName: '#1001', title: 'Item 1', sku: null, before: 'other_product', after: 'sold_out' }]);
  });
});

describe('diffActions', () => {
  const orderValue = { clauseId: '8.1', key: 'policy:cancellation.review.orderValue' };
  const shipped = { verdict: 'refused' as const, reason: { clauseId: '8.1', key: 'policy:cancellation.refusal.shipped' } };
  const order = (name: string, actions: Partial<SimulatedActions> = {}): SimulatedActions => ({
    orderId: `o${name}`, orderName: `#${name}`, cancellation: { verdict: 'instant' }, addressChange: { verdict: 'offered' }, parcels: [], ...actions,
  });

  it('lists the orders whose cancellation or address change verdict changes, with the reasons of either verdict', () => {
    const before = [order('1043'), order('1047'), order('1003', { cancellation: shipped })];
    const after = [
      order('1043', { cancellation: { verdict: 'review', reasons: [orderValue] }, addressChange: { verdict: 'refused', reason: { clauseId: '9.1', key: 'policy:addressChange.refusal.windowClosed' } } }),
      order('1047'),
      order('1003', { cancellation: shipped }),
    ];
    expect(diffActions(before, after)).toEqual([
      { action: 'cancellation', orderId: 'o1043', orderName: '#1043', before: 'instant', after: 'review', reasons: [orderValue] },
      { action: 'addressChange', orderId: 'o1043', orderName: '#1043', before: 'offered', after: 'refused', reasons: [{ clauseId: '9.1', key: 'policy:addressChange.refusal.windowClosed' }] },
    ]);
  });

  it('ignores a change of reasons within the same verdict, and an order only one run has', () => {
    const review = (reasons: { clauseId: string; key: string }[]) => order('1047', { cancellation: { verdict: 'review', reasons } });
    expect(diffActions([review([orderValue])], [review([{ clauseId: '8.1', key: 'policy:cancellation.review.pastWindow' }])])).toEqual([]);
    expect(diffActions([order('1043')], [order('1044', { cancellation: shipped })])).toEqual([]);
  });
});
