import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminCaller } from '~/integrations/shopify/admin-caller.server';
import { createRefunds, type RefundRequest } from '~/integrations/shopify/refunds.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { startTestShopify, type TestShopify } from './support/test-shopify';

/**
 * The real refunds adapter (through @shopify/shopify-api) against its own Shopify emulator over
 * HTTP: the order read, refundCreate with its idempotency key, refusals as values, outages as
 * UpstreamErrors, and a case's refund never made twice.
 */
const SHOP = 'refund-test.myshopify.com';
const TOKEN = 'shpat_refundtest';

let shopify: TestShopify;

const control = (path: string, body?: unknown) => shopify.control(path, body);
const adapter = () => createRefunds(createAdminCaller({ client: shopify.client(), gate: createThrottleGate({ maxWaitMs: 0 }) }));
const refunds = async () => (await control('refunds')).refunds as Array<{ id: string; orderId: string; note: string; amount: string; gateways: string[]; lines: { lineItemId: string; quantity: number; restockType: string }[] }>;
const orderOf = (scenario: string) => shopify.orderOf(scenario);
const request = (orderId: string, extra: Partial<RefundRequest> = {}): RefundRequest => ({
  orderId, lines: [], amount: { amount: '79.00', currencyCode: 'EUR' }, method: 'original_payment', note: 'Comptoir C-7K3M9PQ2: damaged item', notify: true, ...extra,
});

beforeAll(async () => {
  shopify = await startTestShopify({ shop: SHOP, accessToken: TOKEN });
});
afterAll(() => shopify.close());
beforeEach(async () => {
  await control('reset', {});
});

describe('Shopify refunds', () => {
  it('refunds an amount to the original payment, once: a second call for the same case finds it', async () => {
    const order = await orderOf('delivered-recently');
    const first = await adapter().refund(request(order.id));
    expect(first).toEqual({ ok: true, refundId: expect.stringMatching(/^gid:\/\/shopify\/Refund\//), amount: { amount: '79.00', currencyCode: 'EUR' }, already: false });
    const again = await adapter().refund(request(order.id, { note: 'Comptoir C-7K3M9PQ2: damaged item (retry)' }));
    expect(again).toEqual({ ...first, already: true });
    expect(await refunds()).toEqual([expect.objectContaining({ orderId: order.id, amount: '79.0', gateways: ['shopify_payments'], note: 'Comptoir C-7K3M9PQ2: damaged item' })]);
    expect((await control('stats')).operations).toEqual({ ComptoirRefundOrder: 2, ComptoirRefundCreate: 1, ComptoirOrderLookup: expect.any(Number) });
  });

  it('cancels unshipped lines at the price Shopify would suggest when no amount is given', async () => {
    const order = await orderOf('unfulfilled');
    const line = order.lineItems[0]!;
    const result = await adapter().refund(request(order.id, { amount: null, lines: [{ lineItemId: line.id, quantity: 1, restockType: 'CANCEL' }], note: 'Comptoir C-AAAA2222: one item cancelled' }));
    expect(result).toMatchObject({ ok: true, amount: { amount: '45.00', currencyCode: 'EUR' } });
    expect(await refunds()).toEqual([expect.objectContaining({ lines: [{ lineItemId: line.id, quantity: 1, restockType: 'CANCEL' }] })]);
  });

  it('refunds to store credit', async () => {
    const order = await orderOf('delivered-recently');
    expect(await adapter().refund(request(order.id, { method: 'store_credit', amount: { amount: '20.00', currencyCode: 'EUR' } }))).toMatchObject({ ok: true });
    expect(await refunds()).toEqual([expect.objectContaining({ gateways: ['shopify_store_credit'] })]);
  });

  it('refuses, as values: more than is left to refund, another currency, more units than the line has', async () => {
    const order = await orderOf('delivered-recently');
    expect(await adapter().refund(request(order.id, { amount: { amount: '100000.00', currencyCode: 'EUR' } }))).toMatchObject({ ok: false, code: 'ABOVE_REFUNDABLE' });
    expect(await adapter().refund(request(order.id, { amount: { amount: '1.00', currencyCode: 'USD' } }))).toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
    const line = order.lineItems[0]!;
    expect(await adapter().refund(request(order.id, { amount: { amount: '1.00', currencyCode: 'EUR' }, lines: [{ lineItemId: line.id, quantity: 99, restockType: 'NO_RESTOCK' }] })))
      .toEqual({ ok: false, code: 'REFUSED', message: 'Quantity cannot refund more items than were purchased' });
    expect(await refunds()).toEqual([]);
  });

  it('throws a retryable UpstreamError when Shopify is down, and refunds on the retry', async () => {
    const order = await orderOf('delivered-recently');
    await control('faults', { mode: 'http500', count: 5 });
    const error = await adapter().refund(request(order.id)).catch((e: unknown) => e);
    expect(isUpstreamError(error) && error.retryable).toBe(true);
    await control('faults', { mode: 'none' });
    expect(await adapter().refund(request(order.id))).toMatchObject({ ok: true, already: false });
    expect(await refunds()).toHaveLength(1);
  });
});
