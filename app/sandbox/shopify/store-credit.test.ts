import { describe, expect, it } from 'vitest';
import { createTestClock, type RunningEmulator, useEmulatorWithWebhooks } from './emulator-harness.test-helpers';

/*
 * Store credit accounts: storeCreditAccountCredit by customer (the account opened on first use)
 * or by account, its error codes, and a refund to store credit landing in the customer's account.
 */

const CREDIT = `mutation($id: ID!, $input: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $input) {
  storeCreditAccountTransaction { id event amount { amount currencyCode } balanceAfterTransaction { amount } account { id balance { amount currencyCode } } }
  userErrors { code field message } } }`;
const CUSTOMER = `query($q: String!) { orders(first: 1, query: $q) { nodes { id transactions(first: 2) { id gateway } customer { id
  storeCreditAccounts(first: 5) { nodes { id balance { amount currencyCode } transactions(first: 5) { nodes { event amount { amount } } } } } } } } }`;
const REFUND = `mutation($input: RefundInput!) { refundCreate(input: $input) @idempotent(key: "store-credit-test") { userErrors { message } } }`;

const clock = createTestClock('2026-03-01T12:00:00Z');
let shop: RunningEmulator;
useEmulatorWithWebhooks({ clock: clock.clock }, [], (started) => {
  shop = started;
});

const orderOf = async (name: string) => (await shop.graphql(CUSTOMER, { q: `name:${name}` })).body.data?.orders.nodes[0];
const credit = async (id: string, amount: string, currencyCode = 'EUR', extra: Record<string, unknown> = {}) =>
  (await shop.graphql(CREDIT, { id, input: { creditAmount: { amount, currencyCode }, ...extra } })).body.data?.storeCreditAccountCredit;

describe('storeCreditAccountCredit', () => {
  it('opens the customer’s account in that currency on the first credit, and adds to it after', async () => {
    const { customer } = await orderOf('#1005');
    expect(customer.storeCreditAccounts.nodes).toEqual([]);
    const first = await credit(customer.id, '20.00');
    expect(first).toMatchObject({ userErrors: [], storeCreditAccountTransaction: { event: 'ADJUSTMENT', amount: { amount: '20.0', currencyCode: 'EUR' }, balanceAfterTransaction: { amount: '20.0' } } });
    const accountId = first.storeCreditAccountTransaction.account.id;
    expect((await credit(accountId, '5.50')).storeCreditAccountTransaction.account.balance).toEqual({ amount: '25.5', currencyCode: 'EUR' });
    expect((await credit(customer.id, '10.00', 'CAD')).storeCreditAccountTransaction.account.id).not.toBe(accountId);
    expect((await orderOf('#1005')).customer.storeCreditAccounts.nodes).toHaveLength(2);
  });

  it('answers the schema’s codes: mismatching currency, unknown owner or account, zero, past expiry, unsupported currency', async () => {
    const { customer } = await orderOf('#1005');
    const accountId = (await credit(customer.id, '1.00')).storeCreditAccountTransaction.account.id;
    const codes = async (...args: Parameters<typeof credit>) => (await credit(...args)).userErrors.map((error: { code: string }) => error.code);
    expect(await codes(accountId, '1.00', 'CAD')).toEqual(['MISMATCHING_CURRENCY']);
    expect(await codes('gid://shopify/Customer/1', '1.00')).toEqual(['OWNER_NOT_FOUND']);
    expect(await codes('gid://shopify/StoreCreditAccount/1', '1.00')).toEqual(['ACCOUNT_NOT_FOUND']);
    expect(await codes(customer.id, '0')).toEqual(['NEGATIVE_OR_ZERO_AMOUNT']);
    expect(await codes(customer.id, '1.00', 'EUR', { expiresAt: '2026-02-01T00:00:00Z' })).toEqual(['EXPIRES_AT_IN_PAST']);
    expect(await codes(customer.id, '1.00', 'JPY')).toEqual(['UNSUPPORTED_CURRENCY']);
  });

  it('receives a refund to store credit as ORDER_REFUND', async () => {
    const order = await orderOf('#1005');
    const refund = await shop.graphql(REFUND, { input: { orderId: order.id, refundMethods: [{ storeCreditRefund: { amount: { amount: '12.00', currencyCode: 'EUR' } } }] } });
    expect(refund.body.data?.refundCreate.userErrors).toEqual([]);
    expect((await orderOf('#1005')).customer.storeCreditAccounts.nodes).toEqual([
      expect.objectContaining({ balance: { amount: '12.0', currencyCode: 'EUR' }, transactions: { nodes: [{ event: 'ORDER_REFUND', amount: { amount: '12.0' } }] } }),
    ]);
  });
});
