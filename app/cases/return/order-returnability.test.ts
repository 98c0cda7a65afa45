import { describe, expect, it } from 'vitest';
import { aLine, anOrder } from '~/orders/test-fixtures';
import type { ItemReturnability } from '~/policy/explain-items';
import { buildPolicy } from '~/policy/test-fixtures';
import { explainOrderItems, toItemReturnabilityViews } from './order-returnability';
import type { ReturnDeps } from './return-request';

const policy = buildPolicy();

describe('explainOrderItems', () => {
  // A Shopify that must not be asked: the rules below need no returnable units.
  const deps = {
    policy, timeZone: 'Europe/Paris',
    shopifyReturns: { getReturnContext: () => Promise.reject(new Error('no call expected')) },
  } as unknown as ReturnDeps;

  it('has nothing to explain on a cancelled order (its headline says it)', async () => {
    expect(await explainOrderItems(deps, anOrder({ cancelledAt: new Date('2026-11-10T08:00:00Z') }), new Date())).toEqual([]);
  });

  it('explains an order with nothing shipped without calling Shopify', async () => {
    const order = anOrder({ lineItems: [aLine({ unfulfilledQuantity: 1 })], parcels: [] });
    const [item] = await explainOrderItems(deps, order, new Date());
    expect(item).toMatchObject({ returnableUnits: 0, reasons: [{ key: 'policy:refusal.notShipped', units: 1 }] });
  });
});

describe('toItemReturnabilityViews', () => {
  it('gives each reason its clause title in the shopper language, with the policy numbers in it', () => {
    const item: ItemReturnability = {
      lineItemId: 'L1', title: 'Chinos', variantTitle: null, image: null, quantity: 1, returnableUnits: 0,
      reasons: [{ key: 'policy:refusal.windowClosed.delivery', clauseId: policy.window.clause, facts: {}, units: 1 }],
    };
    const [en] = toItemReturnabilityViews([item], policy, 'en');
    const [fr] = toItemReturnabilityViews([item], policy, 'fr');
    expect(en!.reasons[0]!.clauseTitle).toMatch(/30/);
    expect(fr!.reasons[0]!.clauseTitle).toMatch(/30/);
    expect(fr!.reasons[0]!.clauseTitle).not.toBe(en!.reasons[0]!.clauseTitle);
  });
});
