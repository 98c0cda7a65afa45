import { describe, expect, it } from 'vitest';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import { createSeed } from '~/sandbox/seed/seed.server';
import type { SeedOrder } from '~/sandbox/seed/types.server';
import { applyCancellation } from './order-cancel-effects.server';
import { planOrderCancel, type OrderCancelArgs } from './order-cancel-plan.server';

/* The cases the demo store has no order for: no customer, an authorized-only payment. */

const NOW = new Date('2026-03-01T12:00:00Z');
const permissions = { refundOrders: true, refundToStoreCredit: true };

function unshipped() {
  const seed = createSeed(NOW);
  const order = seed.orders.find((o) => o.name === '#1001') as SeedOrder;
  return { seed, order, plan: (args: Partial<OrderCancelArgs>) => planOrderCancel({ orderId: order.id, reason: 'CUSTOMER', restock: true, ...args }, { seed, permissions, now: NOW, pendingOrderIds: new Set() }) };
}

describe('planOrderCancel', () => {
  it('refuses a store credit refund for an order without a customer, and takes a refund to the original payment', () => {
    const { order, plan } = unshipped();
    order.customer = null;
    expect(plan({ refundMethod: { storeCreditRefund: {} } })).toEqual({ errors: [expect.objectContaining({ code: 'STORE_CREDIT_REFUND_MISSING_CUSTOMER', field: ['refundMethod', 'storeCreditRefund'] })] });
    expect(plan({ refundMethod: { originalPaymentMethodsRefund: true } })).toMatchObject({ plan: { refundTo: 'original_payment' } });
  });

  it('refuses two refund methods at once, and the deprecated refund beside refundMethod', () => {
    const { plan } = unshipped();
    expect(plan({ refundMethod: { originalPaymentMethodsRefund: true, storeCreditRefund: {} } })).toEqual({ errors: [expect.objectContaining({ code: 'INVALID', field: ['refundMethod'] })] });
    expect(plan({ refund: true, refundMethod: { originalPaymentMethodsRefund: true } })).toEqual({ errors: [expect.objectContaining({ code: 'INVALID', field: ['refund'] })] });
    expect(plan({ refund: true })).toMatchObject({ plan: { refundTo: 'original_payment' } });
  });
});

describe('applyCancellation', () => {
  it('voids an authorized-only payment instead of refunding it', () => {
    const { seed, order, plan } = unshipped();
    order.displayFinancialStatus = 'AUTHORIZED';
    const planned = plan({ refundMethod: { originalPaymentMethodsRefund: true } });
    if (!('plan' in planned)) throw new Error('expected a plan');
    expect(applyCancellation(planned.plan, seed, NOW, createIdSequence({}))).toBeNull();
    expect(order).toMatchObject({ displayFinancialStatus: 'VOIDED', cancelledAt: '2026-03-01T12:00:00Z', refunds: [] });
  });
});
