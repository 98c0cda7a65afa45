import { describe, expect, it } from 'vitest';
import { toStoreReturnViews } from './store-returns';
import { aLine, anOrder } from './test-fixtures';
import type { StoreReturn } from './types';

const aReturn = (overrides: Partial<StoreReturn>): StoreReturn => ({
  id: 'R1', name: '#1001-R1', status: 'open', createdAt: new Date('2026-11-20T10:00:00Z'), closedAt: null,
  lines: [{ lineItemId: 'L1', quantity: 1 }], exchanges: [], refunded: null, ...overrides,
});

describe('toStoreReturnViews', () => {
  const order = anOrder({
    lineItems: [aLine({ id: 'L1', title: 'Chinos', variantTitle: '40 / Sand' })],
    returns: [
      aReturn({ id: 'R3', name: '#1001-R3', status: 'closed', closedAt: new Date('2026-11-25T10:00:00Z'), refunded: { amount: '79.00', currencyCode: 'EUR' } }),
      aReturn({ id: 'R2', name: '#1001-R2', status: 'cancelled' }),
      aReturn({ exchanges: [{ title: 'Chinos', variantTitle: '44 / Sand', quantity: 1 }] }),
    ],
  });

  it('lists what went back, the exchange and the refund, newest first', () => {
    const views = toStoreReturnViews(order, new Set());
    expect(views.map((v) => v.name)).toEqual(['#1001-R3', '#1001-R1']);
    expect(views[0]).toMatchObject({ status: 'closed', closedAt: '2026-11-25T10:00:00.000Z', refunded: { amount: '79.00', currencyCode: 'EUR' } });
    expect(views[1]).toMatchObject({
      items: [{ title: 'Chinos', variantTitle: '40 / Sand', quantity: 1 }],
      exchanges: [{ title: 'Chinos', variantTitle: '44 / Sand', quantity: 1 }],
      refunded: null,
    });
  });

  it('leaves out the returns the shopper opened here: they are listed as their cases', () => {
    expect(toStoreReturnViews(order, new Set(['R1'])).map((v) => v.name)).toEqual(['#1001-R3']);
  });
});
