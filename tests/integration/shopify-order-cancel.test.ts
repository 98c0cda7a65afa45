import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CancelOrderInput } from '~/cancellations/ports';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderCancel } from '~/integrations/shopify/order-cancel.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * The real cancellation adapter (through @shopify/shopify-api) against its own Shopify emulator
 * over HTTP: orderCancel, its job polled, the order read back; refusals; outages that lose
 * nothing and never cancel twice.
 */
const SHOP = 'cancel-test.myshopify.com';
const TOKEN = 'shpat_canceltest';

let server: Server;
let baseUrl: string;
let demo: { name: string; email: string; scenario: string }[];

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}/__sandbox/shopify/${path}`, init)).json();
};
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const adapter = (options: { pollDelaysMs?: number[]; wait?: (ms: number) => Promise<void> } = {}) =>
  createShopifyOrderCancel({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }), ...options });

/** Order id of a demo order, found the way the portal finds it. */
async function orderIdOf(pick: (o: (typeof demo)[number]) => boolean): Promise<string> {
  const entry = demo.find(pick)!;
  const source = createShopifyOrderSource({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
  return (await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!.id;
}
const unshipped = () => orderIdOf((o) => o.scenario === 'unfulfilled');
const input = (orderId: string, extra: Partial<CancelOrderInput> = {}): CancelOrderInput => ({
  orderId, reason: 'CUSTOMER', restock: true, notifyCustomer: true, refundMethod: 'original_payment', staffNote: 'Cancelled from the portal', ...extra,
});
const cancellations = async () => (await control('cancellations')).cancellations as Array<{ orderId: string; status: string; refundId: string | null; refundTo: string }>;

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  await control('reset', {});
});

describe('Shopify order cancellation', () => {
  it('cancels an unshipped demo order: orderCancel, one poll of its job, cancelledAt read back', async () => {
    const orderId = await unshipped();
    await control('reset', {});
    const result = await adapter().cancelOrder(input(orderId));
    expect(result).toEqual({ ok: true, already: false, cancelledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(await cancellations()).toEqual([expect.objectContaining({ orderId, status: 'SUCCEEDED', refundTo: 'original_payment', refundId: expect.any(String) })]);
    expect((await control('stats')).operations).toEqual({ ComptoirOrderCancel: 1, ComptoirOrderCancelJob: 1, ComptoirOrderCancelledAt: 1 });
  });

  it('polls a slow job with backoff until it is done', async () => {
    const orderId = await unshipped();
    await control('jobs', { orderCancelDelayMs: 250 });
    const result = await adapter({ pollDelaysMs: [0, 100, 100, 100, 100, 100] }).cancelOrder(input(orderId, { refundMethod: 'store_credit' }));
    expect(result).toMatchObject({ ok: true });
    expect((await control('stats')).operations.ComptoirOrderCancelJob).toBeGreaterThanOrEqual(3);
    expect(await cancellations()).toEqual([expect.objectContaining({ refundTo: 'store_credit' })]);
  });

  it('gives up on a job still running after the last poll: retryable JOB_PENDING, and a retry is refused rather than cancelling twice', async () => {
    const orderId = await unshipped();
    await control('jobs', { orderCancelDelayMs: 600_000 });
    const error = await adapter({ wait: async () => {} }).cancelOrder(input(orderId)).catch((e: unknown) => e);
    expect(isUpstreamError(error)).toBe(true);
    expect(error).toMatchObject({ service: 'shopify', code: 'JOB_PENDING', retryable: true });
    expect(await adapter().cancelOrder(input(orderId))).toEqual({ ok: false, errors: [{ code: 'INVALID', field: ['orderId'], message: 'Order is already being cancelled.' }] });
    expect(await cancellations()).toHaveLength(1);
  });

  it('refuses after shipping, an unknown order, a long staff note and a refund without permission, as values', async () => {
    const shipped = await orderIdOf((o) => o.scenario === 'in-transit');
    expect(await adapter().cancelOrder(input(shipped))).toEqual({
      ok: false, errors: [{ code: 'INVALID', field: ['orderId'], message: 'Cannot cancel an order with fulfilled line items.' }],
    });
    expect(await adapter().cancelOrder(input('gid://shopify/Order/1'))).toMatchObject({ ok: false, errors: [{ code: 'NOT_FOUND', field: ['orderId'] }] });
    const orderId = await unshipped();
    expect(await adapter().cancelOrder(input(orderId, { staffNote: 'x'.repeat(256) }))).toMatchObject({ ok: false, errors: [{ code: 'INVALID', field: ['staffNote'] }] });
    await control('permissions', { refundOrders: false });
    expect(await adapter().cancelOrder(input(orderId))).toMatchObject({ ok: false, errors: [{ code: 'NO_REFUND_PERMISSION' }] });
    expect(await cancellations()).toEqual([]);
  });

  it('turns a Shopify outage on the mutation into a retryable UpstreamError; the retry cancels once, with one refund', async () => {
    const orderId = await unshipped();
    await control('faults', { mode: 'http500', count: 1 });
    const error = await adapter().cancelOrder(input(orderId)).catch((e: unknown) => e);
    expect(isUpstreamError(error)).toBe(true);
    expect(error).toMatchObject({ service: 'shopify', code: 'HTTP_500', retryable: true });
    expect(await cancellations()).toEqual([]);
    expect(await adapter().cancelOrder(input(orderId))).toMatchObject({ ok: true });
    expect(await cancellations()).toEqual([expect.objectContaining({ orderId, status: 'SUCCEEDED' })]);
  });

  it('an outage while polling loses nothing: the order is cancelled once, and a retry finds it cancelled, with no second refund', async () => {
    const orderId = await unshipped();
    let armed = false;
    const wait = async () => {
      if (!armed) await control('faults', { mode: 'http500', count: 1 });
      armed = true;
    };
    const error = await adapter({ pollDelaysMs: [10, 10], wait }).cancelOrder(input(orderId)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_500', retryable: true });
    // Shopify refuses the second call ("already been cancelled"): the adapter reads the order and says so.
    expect(await adapter().cancelOrder(input(orderId))).toMatchObject({ ok: true, already: true, cancelledAt: expect.any(String) });
    const made = await cancellations();
    expect(made).toEqual([expect.objectContaining({ orderId, status: 'SUCCEEDED', refundId: expect.any(String) })]);
  });
});
