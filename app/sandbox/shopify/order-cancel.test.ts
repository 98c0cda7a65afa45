import { describe, expect, it } from 'vitest';
import { createTestClock, type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';

/*
 * orderCancel as Shopify answers it: refusals as orderCancelUserErrors, a job that cancels the
 * order later (here: once its delay has passed on the emulator clock), stock back, a refund, and
 * the webhooks that follow. The clock is the test's, so "later" is exact.
 */

const CANCEL = `mutation($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean,
  $refundMethod: OrderCancelRefundMethodInput, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, refundMethod: $refundMethod, staffNote: $staffNote) {
    job { id done } jobResult { id done status errors { code } } orderCancelUserErrors { code field message } userErrors { field message } } }`;
const JOB = `query($id: ID!) { job(id: $id) { id done } }`;
const ORDER = `query($q: String!) { orders(first: 1, query: $q) { nodes {
  id cancelledAt cancelReason closed closedAt displayFinancialStatus cancellation { staffNote }
  currentTotalPriceSet { shopMoney { amount } } totalRefundedSet { presentmentMoney { amount currencyCode } }
  lineItems(first: 5) { nodes { sku quantity currentQuantity variant { inventoryQuantity } } }
  refunds(first: 5) { id totalRefundedSet { shopMoney { amount } } refundLineItems(first: 5) { nodes { quantity restockType } }
    transactions(first: 5) { nodes { kind status gateway amountSet { presentmentMoney { amount currencyCode } } } } }
} } }`;

const clock = createTestClock('2026-03-01T12:00:00Z');
const DELAY_MS = 1000;
let shop: RunningEmulator;
let hooks: WebhookReceiver;

useEmulatorWithWebhooks({ clock: clock.clock, orderCancelJobDelayMs: DELAY_MS, webhookRetryDelaysMs: [10] }, ['ORDERS_CANCELLED', 'ORDERS_UPDATED', 'REFUNDS_CREATE'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});

const readOrder = async (name: string) => (await shop.graphql(ORDER, { q: `name:${name}` })).body.data?.orders.nodes[0];
const cancel = async (orderId: string, extra: Record<string, unknown> = {}) =>
  (await shop.graphql(CANCEL, { orderId, reason: 'CUSTOMER', restock: true, refundMethod: { originalPaymentMethodsRefund: true }, ...extra })).body.data?.orderCancel;
const refusal = async (name: string, extra: Record<string, unknown> = {}) => {
  const answer = await cancel((await readOrder(name)).id, extra);
  expect(answer.job).toBeNull();
  expect(answer.userErrors).toEqual(answer.orderCancelUserErrors.map(({ field, message }: { field: string[]; message: string }) => ({ field, message })));
  return answer.orderCancelUserErrors;
};
const control = (path: string, body: unknown) => shop.post(`/__sandbox/shopify/${path}`, body);

describe('orderCancel: the job', () => {
  it('answers a job not done yet, and cancels, restocks and refunds the order once it has run', async () => {
    const before = await readOrder('#1001');
    const answer = await cancel(before.id, { notifyCustomer: true, staffNote: 'Asked by chat' });
    expect(answer.orderCancelUserErrors).toEqual([]);
    expect(answer.job).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: false });
    expect(answer.jobResult).toEqual({ id: answer.job.id, done: false, status: 'STARTED', errors: [] });

    // Before its delay the job has not run: the order is as it was.
    expect((await shop.graphql(JOB, { id: answer.job.id })).body.data?.job).toEqual({ id: answer.job.id, done: false });
    expect((await readOrder('#1001')).cancelledAt).toBeNull();

    clock.advance(DELAY_MS);
    expect((await shop.graphql(JOB, { id: answer.job.id })).body.data?.job).toEqual({ id: answer.job.id, done: true });
    const after = await readOrder('#1001');
    expect(after).toMatchObject({
      cancelledAt: '2026-03-01T12:00:01Z', cancelReason: 'CUSTOMER', closed: true, closedAt: '2026-03-01T12:00:01Z',
      displayFinancialStatus: 'REFUNDED', cancellation: { staffNote: 'Asked by chat' },
      currentTotalPriceSet: { shopMoney: { amount: '0.0' } }, totalRefundedSet: { presentmentMoney: { amount: '78.9', currencyCode: 'EUR' } },
    });
    expect(after.lineItems.nodes.map((l: any) => [l.sku, l.currentQuantity, l.variant.inventoryQuantity]))
      .toEqual(before.lineItems.nodes.map((l: any) => [l.sku, 0, l.variant.inventoryQuantity + l.quantity]));
    expect(after.refunds).toEqual([{
      id: expect.stringMatching(/^gid:\/\/shopify\/Refund\//), totalRefundedSet: { shopMoney: { amount: '78.9' } },
      refundLineItems: { nodes: [{ quantity: 1, restockType: 'CANCEL' }, { quantity: 1, restockType: 'CANCEL' }] },
      transactions: { nodes: [{ kind: 'REFUND', status: 'SUCCESS', gateway: 'shopify_payments', amountSet: { presentmentMoney: { amount: '78.9', currencyCode: 'EUR' } } }] },
    }]);
    const listed = await (await fetch(`${shop.url}/__sandbox/shopify/cancellations`)).json();
    expect(listed.cancellations).toEqual([expect.objectContaining({ orderName: '#1001', status: 'SUCCEEDED', notifyCustomer: true, refundTo: 'original_payment' })]);
  });

  it('sends orders/cancelled and refunds/create with the REST fields', async () => {
    const { id } = await readOrder('#1001');
    await cancel(id, { reason: 'INVENTORY' });
    clock.advance(DELAY_MS);
    await readOrder('#1001');
    const legacyId = Number(id.split('/').pop());
    expect(await hooks.of('orders/cancelled')).toEqual([expect.objectContaining({
      id: legacyId, admin_graphql_api_id: id, name: '#1001', cancelled_at: expect.any(String), cancel_reason: 'inventory', financial_status: 'refunded',
    })]);
    expect(await hooks.of('orders/updated')).toHaveLength(1);
    expect(await hooks.of('refunds/create')).toEqual([expect.objectContaining({
      order_id: legacyId, restock: true, return: null,
      transactions: [expect.objectContaining({ kind: 'refund', status: 'success', amount: '78.90', currency: 'EUR', gateway: 'shopify_payments' })],
    })]);
  });

  it('refuses a second cancellation, pending or done, and never refunds twice', async () => {
    const { id } = await readOrder('#1001');
    const first = await cancel(id);
    expect((await cancel(id)).orderCancelUserErrors).toEqual([{ code: 'INVALID', field: ['orderId'], message: 'Order is already being cancelled.' }]);
    clock.advance(DELAY_MS);
    expect((await shop.graphql(JOB, { id: first.job.id })).body.data?.job.done).toBe(true);
    expect((await cancel(id)).orderCancelUserErrors).toEqual([{ code: 'INVALID', field: ['orderId'], message: 'Order has already been cancelled.' }]);
    clock.advance(DELAY_MS);
    expect((await readOrder('#1001')).refunds).toHaveLength(1);
    expect(await hooks.of('refunds/create')).toHaveLength(1);
  });

  it('cancels without refund or restock when not asked: the order stays paid and stock stays out', async () => {
    const before = await readOrder('#1026');
    await cancel(before.id, { restock: false, refundMethod: null, reason: 'FRAUD' });
    clock.advance(DELAY_MS);
    const after = await readOrder('#1026');
    expect(after).toMatchObject({ cancelReason: 'FRAUD', displayFinancialStatus: 'PAID', refunds: [] });
    expect(after.lineItems.nodes.map((l: any) => l.variant.inventoryQuantity)).toEqual(before.lineItems.nodes.map((l: any) => l.variant.inventoryQuantity));
    expect(await hooks.of('orders/cancelled')).toHaveLength(1);
    expect(await hooks.of('refunds/create')).toEqual([]);
  });

  it('refunds to store credit through its own gateway', async () => {
    const { id } = await readOrder('#1026');
    await cancel(id, { refundMethod: { storeCreditRefund: { expiresAt: '2027-01-01T00:00:00Z' } } });
    clock.advance(DELAY_MS);
    const refund = (await readOrder('#1026')).refunds[0];
    expect(refund.transactions.nodes).toEqual([expect.objectContaining({ gateway: 'shopify_store_credit', amountSet: { presentmentMoney: { amount: '158.0', currencyCode: 'EUR' } } })]);
  });

  it('answers job(id:) with null for a job the shop never made, and runs Job.query once done', async () => {
    expect((await shop.graphql(JOB, { id: 'gid://shopify/Job/00000000-0000-0000-0000-000000000000' })).body.data?.job).toBeNull();
    const { id } = await readOrder('#1001');
    const { job } = await cancel(id);
    clock.advance(DELAY_MS);
    const reply = await shop.graphql(`query($id: ID!, $order: ID!) { job(id: $id) { done query { order(id: $order) { cancelledAt } } } }`, { id: job.id, order: id });
    expect(reply.body.data?.job).toEqual({ done: true, query: { order: { cancelledAt: expect.stringMatching(/^2026-03-01T/) } } });
  });
});

describe('orderCancel: refusals', () => {
  it('refuses an unknown order (NOT_FOUND), a shipped or partly shipped one, one with an active return, and a cancelled one (INVALID)', async () => {
    const unknown = await cancel('gid://shopify/Order/1');
    expect(unknown.orderCancelUserErrors).toEqual([{ code: 'NOT_FOUND', field: ['orderId'], message: 'Order does not exist.' }]);
    const shipped = { code: 'INVALID', field: ['orderId'], message: 'Cannot cancel an order with fulfilled line items.' };
    expect(await refusal('#1003')).toEqual([shipped]);
    expect(await refusal('#1002')).toEqual([shipped]);
    expect(await refusal('#1011')).toEqual([{ code: 'INVALID', field: ['orderId'], message: 'Cannot cancel an order with an active return.' }]);
    expect(await refusal('#1009')).toEqual([{ code: 'INVALID', field: ['orderId'], message: 'Order has already been cancelled.' }]);
  });

  it('refuses a staff note over 255 characters and a store credit that expires in the past', async () => {
    expect(await refusal('#1001', { staffNote: 'x'.repeat(256) })).toEqual([{ code: 'INVALID', field: ['staffNote'], message: 'Staff note is too long (maximum is 255 characters).' }]);
    expect(await refusal('#1001', { refundMethod: { storeCreditRefund: { expiresAt: '2026-02-28T00:00:00Z' } } }))
      .toEqual([expect.objectContaining({ code: 'STORE_CREDIT_REFUND_EXPIRATION_IN_PAST', field: ['refundMethod', 'storeCreditRefund', 'expiresAt'] })]);
    // 255 is fine.
    expect((await cancel((await readOrder('#1001')).id, { staffNote: 'x'.repeat(255) })).orderCancelUserErrors).toEqual([]);
  });

  it('refuses a refund when the shop took the permission away, until reset; a cancellation without refund still goes through', async () => {
    expect((await control('permissions', { refundOrders: false })).status).toBe(200);
    expect(await refusal('#1001')).toEqual([expect.objectContaining({ code: 'NO_REFUND_PERMISSION', field: ['refundMethod'] })]);
    await control('permissions', { refundOrders: true, refundToStoreCredit: false });
    expect(await refusal('#1001', { refundMethod: { storeCreditRefund: {} } })).toEqual([expect.objectContaining({ code: 'NO_REFUND_TO_STORE_CREDIT_PERMISSION' })]);
    await control('permissions', { refundOrders: false });
    expect((await cancel((await readOrder('#1001')).id, { refundMethod: null })).orderCancelUserErrors).toEqual([]);
    shop.emulator.reset();
    expect((await cancel((await readOrder('#1026')).id)).orderCancelUserErrors).toEqual([]);
    expect((await control('permissions', { refundOrders: 'no' })).status).toBe(400);
  });
});

describe('the admin page’s Cancel', () => {
  it('goes through orderCancel: refunded, restocked, webhooks sent, listed', async () => {
    const { id } = await readOrder('#1026');
    const response = await fetch(`${shop.url}/__sandbox/shopify/admin`, { method: 'POST', body: new URLSearchParams({ action: 'cancel', id }), redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(await readOrder('#1026')).toMatchObject({ cancelReason: 'STAFF', displayFinancialStatus: 'REFUNDED' });
    expect(await hooks.of('refunds/create')).toHaveLength(1);
    const again = await fetch(`${shop.url}/__sandbox/shopify/admin`, { method: 'POST', body: new URLSearchParams({ action: 'cancel', id }), redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Order has already been cancelled.');
  });
});
