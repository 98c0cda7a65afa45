import { describe, expect, it } from 'vitest';
import type { ReturnContext } from '~/policy/return-context';
import type { Case, CaseOf } from '../case-store';
import { withoutPendingUnits } from './pending-units';

const READ_AT = new Date('2026-11-21T10:00:00Z');

const context = {
  orderId: 'gid://shopify/Order/1',
  lines: [
    { fulfillmentLineItemId: 'FLI-1', returnableQuantity: 2 },
    { fulfillmentLineItemId: 'FLI-2', returnableQuantity: 1 },
  ],
  readAt: READ_AT,
} as unknown as ReturnContext;

function aCase(overrides: Partial<CaseOf<'return'>>): Case {
  return {
    kind: 'return',
    state: 'received',
    providerRefs: {},
    createdAt: new Date('2026-11-21T09:00:00Z'),
    details: { lines: [{ fulfillmentLineItemId: 'FLI-1', quantity: 1 }] },
    ...overrides,
  } as Case;
}

const quantities = (c: ReturnContext) => c.lines.map((line) => line.returnableQuantity);

describe('withoutPendingUnits', () => {
  it('takes off units of a case the worker has not sent to Shopify yet', () => {
    expect(quantities(withoutPendingUnits(context, [aCase({})], READ_AT))).toEqual([1, 1]);
  });

  it('takes off units of any case opened after Shopify was read', () => {
    const later = aCase({ state: 'approved', providerRefs: { shopifyReturnId: 'gid://shopify/Return/9' }, createdAt: new Date('2026-11-21T10:05:00Z') });
    expect(quantities(withoutPendingUnits(context, [later], READ_AT))).toEqual([1, 1]);
  });

  it('trusts Shopify for cases it already holds, and ignores declined ones', () => {
    const sent = aCase({ state: 'approved', providerRefs: { shopifyReturnId: 'gid://shopify/Return/9' } });
    const declined = aCase({ state: 'declined', createdAt: new Date('2026-11-21T10:05:00Z') });
    expect(quantities(withoutPendingUnits(context, [sent, declined], READ_AT))).toEqual([2, 1]);
  });

  it('never goes below zero', () => {
    const big = aCase({ details: { lines: [{ fulfillmentLineItemId: 'FLI-2', quantity: 3 }] } as CaseOf<'return'>['details'] });
    expect(quantities(withoutPendingUnits(context, [big], READ_AT))).toEqual([2, 0]);
  });
});
