import { describe, expect, it } from 'vitest';
import { createTestClock, type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';

/*
 * refundCreate as Shopify answers it: the refund on the order, units leaving it (and back to stock
 * for CANCEL and RETURN), totals and financial status, refunds/create and orders/updated; refusals
 * as userErrors; the required @idempotent key answering a repeat with the first refund.
 */

const REFUND = `mutation($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) {
  refund { id note totalRefundedSet { presentmentMoney { amount currencyCode } }
    refundLineItems(first: 5) { nodes { quantity restockType lineItem { id } } }
    transactions(first: 5) { nodes { kind status gateway parentTransaction { id } amountSet { presentmentMoney { amount } } } } }
  userErrors { field message } } }`;
const ORDER = `query($q: String!) { orders(first: 1, query: $q) { nodes {
  id displayFinancialStatus fulfillable currentSubtotalLineItemsQuantity
  totalRefundedSet { presentmentMoney { amount } } netPaymentSet { presentmentMoney { amount } }
  transactions(first: 5) { id kind status gateway amountSet { presentmentMoney { amount } } }
  lineItems(first: 5) { nodes { id quantity currentQuantity unfulfilledQuantity refundableQuantity variant { inventoryQuantity } } }
  refunds(first: 5) { id note }
} } }`;

const clock = createTestClock('2026-03-01T12:00:00Z');
let shop: RunningEmulator;
let hooks: WebhookReceiver;

useEmulatorWithWebhooks({ clock: clock.clock }, ['REFUNDS_CREATE', 'ORDERS_UPDATED'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});

const readOrder = async (name: string) => (await shop.graphql(ORDER, { q: `name:${name}` })).body.data?.orders.nodes[0];
let keys = 0;
const refund = async (input: Record<string, unknown>, key = `key-${++keys}`) => {
  const reply = await shop.graphql(REFUND, { input, key });
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data?.refundCreate;
};
const paidBack = (order: any, amount: string) => [{ orderId: order.id, parentId: order.transactions[0].id, amount, gateway: order.transactions[0].gateway, kind: 'REFUND' }];

describe('refundCreate', () => {
  it('cancels one unshipped unit with its money: the line loses it, stock comes back, the order is partly refunded', async () => {
    const before = await readOrder('#1001');
    expect(before.transactions).toEqual([expect.objectContaining({ kind: 'SALE', status: 'SUCCESS', gateway: 'shopify_payments' })]);
    const line = before.lineItems.nodes[0];
    const answer = await refund({
      orderId: before.id, note: 'Comptoir C-0001: one item cancelled', notify: true,
      refundLineItems: [{ lineItemId: line.id, quantity: 1, restockType: 'CANCEL' }], transactions: paidBack(before, '10.00'),
    });
    expect(answer.userErrors).toEqual([]);
    expect(answer.refund).toMatchObject({
      note: 'Comptoir C-0001: one item cancelled', totalRefundedSet: { presentmentMoney: { amount: '10.0', currencyCode: 'EUR' } },
      refundLineItems: { nodes: [{ quantity: 1, restockType: 'CANCEL', lineItem: { id: line.id } }] },
      transactions: { nodes: [{ kind: 'REFUND', status: 'SUCCESS', gateway: 'shopify_payments', parentTransaction: { id: before.transactions[0].id }, amountSet: { presentmentMoney: { amount: '10.0' } } }] },
    });
    const after = await readOrder('#1001');
    expect(after.lineItems.nodes[0]).toMatchObject({
      quantity: line.quantity, currentQuantity: line.currentQuantity - 1, unfulfilledQuantity: line.unfulfilledQuantity - 1,
      refundableQuantity: line.refundableQuantity - 1, variant: { inventoryQuantity: line.variant.inventoryQuantity + 1 },
    });
    expect(after).toMatchObject({
      displayFinancialStatus: 'PARTIALLY_REFUNDED', totalRefundedSet: { presentmentMoney: { amount: '10.0' } },
      currentSubtotalLineItemsQuantity: before.currentSubtotalLineItemsQuantity - 1, refunds: [{ id: answer.refund.id, note: answer.refund.note }],
    });
    expect(Number(after.netPaymentSet.presentmentMoney.amount)).toBeCloseTo(Number(before.netPaymentSet.presentmentMoney.amount) - 10);
  });

  it('refunds money alone without touching the lines, and everything left makes it REFUNDED', async () => {
    const before = await readOrder('#1003');
    const all = before.netPaymentSet.presentmentMoney.amount;
    expect((await refund({ orderId: before.id, transactions: paidBack(before, all) })).userErrors).toEqual([]);
    const after = await readOrder('#1003');
    expect(after.displayFinancialStatus).toBe('REFUNDED');
    expect(after.lineItems.nodes.map((l: any) => l.currentQuantity)).toEqual(before.lineItems.nodes.map((l: any) => l.currentQuantity));
  });

  it('returns shipped units to stock with RETURN; NO_RESTOCK leaves stock alone', async () => {
    const before = await readOrder('#1003');
    const [first] = before.lineItems.nodes;
    await refund({ orderId: before.id, refundLineItems: [{ lineItemId: first.id, quantity: 1, restockType: 'RETURN' }] });
    expect((await readOrder('#1003')).lineItems.nodes[0].variant.inventoryQuantity).toBe(first.variant.inventoryQuantity + 1);
    const other = await readOrder('#1001');
    await refund({ orderId: other.id, refundLineItems: [{ lineItemId: other.lineItems.nodes[0].id, quantity: 1, restockType: 'NO_RESTOCK' }] });
    const line = (await readOrder('#1001')).lineItems.nodes[0];
    expect(line).toMatchObject({ unfulfilledQuantity: other.lineItems.nodes[0].unfulfilledQuantity - 1, variant: { inventoryQuantity: other.lineItems.nodes[0].variant.inventoryQuantity } });
  });

  it('refunds to store credit through its own gateway', async () => {
    const order = await readOrder('#1005');
    const answer = await refund({ orderId: order.id, refundMethods: [{ storeCreditRefund: { amount: { amount: '20.00', currencyCode: 'EUR' } } }] });
    expect(answer.refund.transactions.nodes).toEqual([expect.objectContaining({ gateway: 'shopify_store_credit', amountSet: { presentmentMoney: { amount: '20.0' } } })]);
  });

  it('sends refunds/create and orders/updated', async () => {
    const order = await readOrder('#1001');
    const answer = await refund({ orderId: order.id, note: 'Comptoir C-0002', transactions: paidBack(order, '5.00') });
    const legacyId = Number(order.id.split('/').pop());
    expect(await hooks.of('refunds/create')).toEqual([expect.objectContaining({
      admin_graphql_api_id: answer.refund.id, order_id: legacyId, note: 'Comptoir C-0002',
      transactions: [expect.objectContaining({ kind: 'refund', amount: '5.00', gateway: 'shopify_payments', parent_id: Number(order.transactions[0].id.split('/').pop()) })],
    })]);
    expect(await hooks.of('orders/updated')).toEqual([expect.objectContaining({ id: legacyId, financial_status: 'partially_refunded' })]);
  });

  it('answers a key it has seen with the first refund, never refunding twice; no key is refused', async () => {
    const order = await readOrder('#1001');
    const input = { orderId: order.id, transactions: paidBack(order, '5.00') };
    const first = await refund(input, 'same-key');
    const again = await refund(input, 'same-key');
    expect(again.refund.id).toBe(first.refund.id);
    expect((await readOrder('#1001')).refunds).toHaveLength(1);
    expect(await hooks.of('refunds/create')).toHaveLength(1);
    const keyless = await shop.graphql(`mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`, { input });
    expect(keyless.body.errors).toEqual([expect.objectContaining({ message: 'The @idempotent directive is required for this mutation.' })]);
  });
});

describe('refundCreate: refusals', () => {
  it('refuses more units than are left, cancelling shipped units, returning unshipped ones, an unknown order', async () => {
    const open = await readOrder('#1001');
    const line = open.lineItems.nodes[0];
    expect((await refund({ orderId: open.id, refundLineItems: [{ lineItemId: line.id, quantity: line.refundableQuantity + 1, restockType: 'NO_RESTOCK' }] })).userErrors)
      .toEqual([{ field: ['refundLineItems', '0', 'quantity'], message: 'Quantity cannot refund more items than were purchased' }]);
    expect((await refund({ orderId: open.id, refundLineItems: [{ lineItemId: line.id, quantity: 1, restockType: 'RETURN' }] })).userErrors)
      .toEqual([{ field: ['refundLineItems', '0', 'restockType'], message: 'Cannot return more items than were fulfilled' }]);
    const shipped = await readOrder('#1003');
    expect((await refund({ orderId: shipped.id, refundLineItems: [{ lineItemId: shipped.lineItems.nodes[0].id, quantity: 1, restockType: 'CANCEL' }] })).userErrors)
      .toEqual([{ field: ['refundLineItems', '0', 'restockType'], message: 'Cannot cancel more items than are unfulfilled' }]);
    expect((await refund({ orderId: 'gid://shopify/Order/1' })).userErrors).toEqual([{ field: ['orderId'], message: 'Order does not exist' }]);
    expect((await readOrder('#1001')).refunds).toEqual([]);
  });

  it('refuses an amount above what is left to refund, a parent that is not the order’s payment, a cancelled and refunded order', async () => {
    const order = await readOrder('#1001');
    const over = (Number(order.netPaymentSet.presentmentMoney.amount) + 0.01).toFixed(2);
    expect((await refund({ orderId: order.id, transactions: paidBack(order, over) })).userErrors)
      .toEqual([{ field: ['transactions'], message: 'Refund amount cannot exceed the refundable amount for this order' }]);
    const foreign = await readOrder('#1003');
    expect((await refund({ orderId: order.id, transactions: [{ ...paidBack(order, '1.00')[0], parentId: foreign.transactions[0].id }] })).userErrors)
      .toEqual([{ field: ['transactions', '0', 'parentId'], message: 'Parent transaction must be a successful sale or capture of this order' }]);
    const cancelled = await readOrder('#1009');
    expect((await refund({ orderId: cancelled.id, transactions: paidBack(cancelled, '1.00') })).userErrors)
      .toEqual([{ field: ['transactions'], message: 'Refund amount cannot exceed the refundable amount for this order' }]);
    expect(await hooks.of('refunds/create')).toEqual([]);
  });
});
