import { describe, expect, it } from 'vitest';
import { createTestClock, type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';

/* orderUpdate's shippingAddress as Shopify answers it, read back through the order and its webhook. */

const UPDATE = `mutation($input: OrderInput!) { orderUpdate(input: $input) {
  order { id updatedAt shippingAddress { id name address1 city province provinceCode country countryCodeV2 zip } billingAddress { city } }
  userErrors { field message } } }`;
const ORDER = `query($q: String!) { orders(first: 1, query: $q) { nodes {
  id updatedAt billingAddressMatchesShippingAddress shippingAddress { id city } displayAddress { city } billingAddress { city } } } }`;

const clock = createTestClock('2026-03-01T12:00:00Z');
let shop: RunningEmulator;
let hooks: WebhookReceiver;

useEmulatorWithWebhooks({ clock: clock.clock, webhookRetryDelaysMs: [10] }, ['ORDERS_UPDATED'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});

const readOrder = async (name: string) => (await shop.graphql(ORDER, { q: `name:${name}` })).body.data?.orders.nodes[0];
const MONTREAL = { firstName: 'Olivia', lastName: 'Tremblay', address1: '1200 rue Sainte-Catherine', city: 'Montréal', provinceCode: 'QC', countryCode: 'CA', zip: 'H3B 1K9' };

describe('orderUpdate with a shippingAddress', () => {
  it('replaces the shipping and shown address, keeps the billing one, moves updatedAt and sends orders/updated', async () => {
    const before = await readOrder('#1015');
    clock.advance(60_000);
    const { body } = await shop.graphql(UPDATE, { input: { id: before.id, shippingAddress: { ...MONTREAL, city: 'Laval' } } });
    expect(body.data?.orderUpdate.userErrors).toEqual([]);
    expect(body.data?.orderUpdate.order.shippingAddress).toMatchObject({
      name: 'Olivia Tremblay', city: 'Laval', province: 'Quebec', provinceCode: 'QC', country: 'Canada', countryCodeV2: 'CA', zip: 'H3B 1K9',
    });
    const after = await readOrder('#1015');
    expect(after).toMatchObject({ shippingAddress: { city: 'Laval' }, displayAddress: { city: 'Laval' }, billingAddress: { city: before.billingAddress.city }, billingAddressMatchesShippingAddress: false });
    expect(after.shippingAddress.id).not.toBe(before.shippingAddress.id);
    expect(after.updatedAt).toBe('2026-03-01T12:01:00.000Z');
    expect(await hooks.of('orders/updated')).toEqual([expect.objectContaining({ admin_graphql_api_id: before.id, shipping_address: expect.objectContaining({ city: 'Laval', province_code: 'QC' }) })]);
  });

  it('answers userErrors for an unknown order and a field too long, changing nothing', async () => {
    const order = await readOrder('#1001');
    const unknown = await shop.graphql(UPDATE, { input: { id: 'gid://shopify/Order/42', shippingAddress: MONTREAL } });
    expect(unknown.body.data?.orderUpdate).toEqual({ order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] });
    const long = await shop.graphql(UPDATE, { input: { id: order.id, shippingAddress: { ...MONTREAL, city: 'x'.repeat(256) } } });
    expect(long.body.data?.orderUpdate.userErrors).toEqual([{ field: ['shippingAddress', 'city'], message: 'City is too long (maximum is 255 characters)' }]);
    expect(await readOrder('#1001')).toEqual(order);
    expect(await hooks.of('orders/updated')).toEqual([]);
  });

  it('fails loudly on an OrderInput field it does not model', async () => {
    const order = await readOrder('#1001');
    const { body } = await shop.graphql(UPDATE, { input: { id: order.id, note: 'Leave at the door' } });
    expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('orderUpdate(input: {note}) is not supported'), extensions: expect.objectContaining({ code: 'NOT_SUPPORTED_BY_EMULATOR' }) })]);
  });

  it('lists where the shop ships', async () => {
    const { body } = await shop.graphql('{ shop { shipsToCountries } }');
    expect(body.data?.shop.shipsToCountries).toEqual(expect.arrayContaining(['FR', 'BE', 'DE', 'GB', 'IE', 'CH', 'US', 'CA']));
  });
});
