import { describe, expect, it } from 'vitest';
import { createTestClock, type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';

/*
 * Draft orders as staff (and the portal's reship) use them: draftOrderCreate priced from variants,
 * a 100 % discount, draftOrderComplete making a real, paid, unfulfilled order with the next number
 * and sending orders/create; drafts found by tag; refusals as userErrors.
 */

const CREATE = `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id name status tags } userErrors { field message } } }`;
const COMPLETE = `mutation($id: ID!) { draftOrderComplete(id: $id) { draftOrder { id status order { id name } } userErrors { field message } } }`;
const DRAFTS = `query($q: String!) { draftOrders(first: 5, query: $q) { nodes { id status tags order { name } } } }`;
const ORDER = `query($q: String!) { orders(first: 1, query: $q) { nodes {
  id name email tags note displayFinancialStatus displayFulfillmentStatus customer { id }
  totalPriceSet { presentmentMoney { amount } } shippingAddress { city zip }
  lineItems(first: 5) { nodes { id quantity unfulfilledQuantity sku variant { id inventoryQuantity } } }
} } }`;

const clock = createTestClock('2026-03-01T12:00:00Z');
let shop: RunningEmulator;
let hooks: WebhookReceiver;

useEmulatorWithWebhooks({ clock: clock.clock }, ['ORDERS_CREATE'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});

const readOrder = async (query: string) => (await shop.graphql(ORDER, { q: query })).body.data?.orders.nodes[0];
const gql = async (query: string, variables: Record<string, unknown>) => {
  const reply = await shop.graphql(query, variables);
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data!;
};
const draftFor = (original: any, extra: Record<string, unknown> = {}) => ({
  lineItems: [{ variantId: original.lineItems.nodes[0].variant.id, quantity: 1 }],
  appliedDiscount: { value: 100, valueType: 'PERCENTAGE', title: 'Replacement' },
  purchasingEntity: { customerId: original.customer.id }, tags: ['comptoir', 'C-7K3M9PQ2'], note: 'Comptoir C-7K3M9PQ2: replacement', ...extra,
});

describe('draft orders', () => {
  it('completes a free draft into a new paid, unfulfilled order with the next number, tagged, stock taken, orders/create sent', async () => {
    const original = await readOrder('name:#1028');
    const variant = original.lineItems.nodes[0].variant;
    const { draftOrderCreate } = await gql(CREATE, { input: draftFor(original) });
    expect(draftOrderCreate).toMatchObject({ draftOrder: { name: '#D1', status: 'OPEN', tags: ['comptoir', 'C-7K3M9PQ2'] }, userErrors: [] });
    const { draftOrderComplete } = await gql(COMPLETE, { id: draftOrderCreate.draftOrder.id });
    expect(draftOrderComplete).toMatchObject({ draftOrder: { status: 'COMPLETED', order: { name: '#1048' } }, userErrors: [] });

    const made = await readOrder('tag:C-7K3M9PQ2');
    expect(made).toMatchObject({
      name: '#1048', email: original.email, tags: ['comptoir', 'C-7K3M9PQ2'], note: 'Comptoir C-7K3M9PQ2: replacement', customer: { id: original.customer.id },
      displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', totalPriceSet: { presentmentMoney: { amount: '0.0' } }, shippingAddress: original.shippingAddress,
    });
    expect(made.lineItems.nodes).toEqual([expect.objectContaining({ quantity: 1, unfulfilledQuantity: 1, variant: { id: variant.id, inventoryQuantity: variant.inventoryQuantity - 1 } })]);
    expect(await hooks.of('orders/create')).toEqual([expect.objectContaining({ admin_graphql_api_id: made.id, name: '#1048', financial_status: 'paid' })]);
    expect((await gql(DRAFTS, { q: "tag:'C-7K3M9PQ2'" })).draftOrders.nodes).toEqual([expect.objectContaining({ status: 'COMPLETED', order: { name: '#1048' } })]);
    expect((await gql(DRAFTS, { q: 'tag:C-OTHER' })).draftOrders.nodes).toEqual([]);
  });

  it('refuses completing twice, an unknown variant, no lines, a discount above 100 %', async () => {
    const original = await readOrder('name:#1028');
    const { draftOrderCreate } = await gql(CREATE, { input: draftFor(original) });
    await gql(COMPLETE, { id: draftOrderCreate.draftOrder.id });
    expect((await gql(COMPLETE, { id: draftOrderCreate.draftOrder.id })).draftOrderComplete.userErrors).toEqual([{ field: ['id'], message: 'Draft order has already been completed' }]);
    expect(await hooks.of('orders/create')).toHaveLength(1);
    const bad = await gql(CREATE, { input: draftFor(original, { lineItems: [{ variantId: 'gid://shopify/ProductVariant/1', quantity: 1 }] }) });
    expect(bad.draftOrderCreate).toEqual({ draftOrder: null, userErrors: [{ field: ['lineItems', '0', 'variantId'], message: 'Product variant does not exist' }] });
    expect((await gql(CREATE, { input: draftFor(original, { lineItems: [] }) })).draftOrderCreate.userErrors).toEqual([{ field: ['lineItems'], message: 'Add at least 1 product' }]);
    expect((await gql(CREATE, { input: draftFor(original, { appliedDiscount: { value: 120, valueType: 'PERCENTAGE' } }) })).draftOrderCreate.userErrors)
      .toEqual([{ field: ['appliedDiscount', 'value'], message: 'Percentage discount must be between 0 and 100' }]);
  });

  it('fails loudly on input the emulator does not model', async () => {
    const reply = await shop.graphql(CREATE, { input: { lineItems: [], paymentTerms: { paymentTermsTemplateId: 'x' } } });
    expect(reply.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_SUPPORTED_BY_EMULATOR' }) })]);
  });
});
