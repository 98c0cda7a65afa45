import { describe, expect, it } from 'vitest';
import { aLine, anOrder } from '~/orders/test-fixtures';
import type { Order, StoreReturn } from '~/orders/types';
import { decideReturn } from './decide-return';
import { explainItems, hasReturnableUnits } from './explain-items';
import { buildPolicy, makeContext, makeLine, PARIS } from './test-fixtures';
import type { ReturnableLine } from './return-context';

const policy = buildPolicy();
const NOW = new Date('2026-03-20T10:00:00Z');

const aReturn = (overrides: Partial<StoreReturn>): StoreReturn => ({
  id: 'gid://shopify/Return/1', name: '#1001-R1', status: 'open', createdAt: new Date('2026-03-18T23:30:00Z'), closedAt: null,
  lines: [{ lineItemId: 'L1', quantity: 1 }], exchanges: [], refunded: null, ...overrides,
});

function explain(order: Order, returnable: Partial<ReturnableLine>[], now = NOW) {
  const context = makeContext(returnable.map((line) => makeLine(line)));
  const decision = decideReturn({ context, history: { returnRequestedAt: [] }, policy, now, timeZone: PARIS });
  return explainItems({ order, prepared: { context, decision }, policy, timeZone: PARIS });
}

describe('explainItems', () => {
  it('counts the units Shopify offers and the policy allows as returnable, with no reason', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1', quantity: 2, currentQuantity: 2 })] });
    const [item] = explain(order, [{ lineItemId: 'L1', returnableQuantity: 2 }]);
    expect(item).toMatchObject({ returnableUnits: 2, reasons: [] });
    expect(hasReturnableUnits([item!])).toBe(true);
  });

  it('names a return opened elsewhere, with the day it was requested on the store calendar', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1', quantity: 1, currentQuantity: 0 })], returns: [aReturn({})] });
    const [item] = explain(order, []);
    expect(item!.returnableUnits).toBe(0);
    // 23:30 UTC on 18 March is already the 19th in Paris.
    expect(item!.reasons).toEqual([{ key: 'policy:refusal.inReturn', clauseId: '1.1', facts: { name: '#1001-R1', requestedOn: '2026-03-19' }, units: 1 }]);
  });

  it('a closed return says returned, with the day it closed; a declined one frees the unit again', () => {
    const closed = aReturn({ status: 'closed', closedAt: new Date('2026-03-15T09:00:00Z') });
    const declined = aReturn({ id: 'R2', name: '#1001-R2', status: 'declined' });
    const order = anOrder({ lineItems: [aLine({ id: 'L1', quantity: 2, currentQuantity: 1 })], returns: [declined, closed] });
    const [item] = explain(order, [{ lineItemId: 'L1', returnableQuantity: 1 }]);
    expect(item!.returnableUnits).toBe(1);
    expect(item!.reasons).toEqual([{ key: 'policy:refusal.returned', clauseId: '1.1', facts: { name: '#1001-R1', closedOn: '2026-03-15' }, units: 1 }]);
  });

  it('refunded units and units not shipped yet each get their own reason', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1', quantity: 4, currentQuantity: 3, unfulfilledQuantity: 2 })] });
    const [item] = explain(order, [{ lineItemId: 'L1', returnableQuantity: 1 }]);
    expect(item!.returnableUnits).toBe(1);
    expect(item!.reasons.map((r) => [r.key, r.units])).toEqual([['policy:refusal.refunded', 1], ['policy:refusal.notShipped', 2]]);
  });

  it('passes on the policy refusal with its clause and dates: final sale and closed window', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1' })] });
    const late = new Date('2026-05-01T10:00:00Z');
    const [item] = explain(order, [{ lineItemId: 'L1', productTags: ['final-sale'] }], late);
    expect(item!.returnableUnits).toBe(0);
    expect(item!.reasons.map((r) => [r.key, r.clauseId, r.units])).toEqual([
      ['policy:refusal.excluded.tag', '3.2', 1],
      ['policy:refusal.windowClosed.delivery', '2.1', 1],
    ]);
    expect(item!.reasons[1]!.facts).toMatchObject({ deliveredOn: '2026-03-12', closedOn: '2026-04-11' });
  });

  it('a gift card is never returnable, whatever Shopify counts', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1', isGiftCard: true, requiresShipping: false })] });
    const items = explain(order, [{ lineItemId: 'L1', isGiftCard: true }]);
    expect(items[0]!.reasons.map((r) => r.key)).toEqual(['policy:refusal.giftCard']);
    expect(hasReturnableUnits(items)).toBe(false);
  });

  it('with nothing shipped, every unit waits for its delivery and nothing is returnable', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1', quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2 })], parcels: [] });
    const items = explainItems({ order, prepared: null, policy, timeZone: PARIS });
    expect(items[0]!.reasons).toEqual([{ key: 'policy:refusal.notShipped', clauseId: '2.1', facts: {}, units: 2 }]);
    expect(hasReturnableUnits(items)).toBe(false);
  });

  it('units Shopify no longer offers, for no reason the order shows, are "already returned"', () => {
    const order = anOrder({ lineItems: [aLine({ id: 'L1', quantity: 2, currentQuantity: 2 })] });
    const [item] = explain(order, [{ lineItemId: 'L1', returnableQuantity: 1 }]);
    expect(item!.returnableUnits).toBe(1);
    expect(item!.reasons.map((r) => [r.key, r.units])).toEqual([['policy:refusal.alreadyReturned', 1]]);
  });
});
