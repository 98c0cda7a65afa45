import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewShippingAddress } from '~/address-changes/ports';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_CLIENT_SECRET, SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderAddress } from '~/integrations/shopify/order-address.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { createShopifyWebhookVerifier } from '~/integrations/shopify/webhook-verifier.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator, type ShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * The real address adapter (through @shopify/shopify-api) against its own Shopify emulator over
 * HTTP: orderUpdate writes the whole shipping address and sends a signed orders/updated;
 * refusals are values, outages UpstreamErrors; the shop's shipping countries are read once.
 */
const SHOP = 'address-test.myshopify.com';
const TOKEN = 'shpat_addresstest';

let emulator: ShopifyEmulator;
let server: Server;
let receiver: Server;
let baseUrl: string;
let demo: { name: string; email: string; scenario: string }[];
const hooks: { topic: string; verified: boolean; body: Record<string, any> }[] = [];

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}/__sandbox/shopify/${path}`, init)).json();
};
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const gate = () => createThrottleGate({ maxWaitMs: 0 });
const adapter = (options: { now?: () => number; countriesTtlMs?: number } = {}) => createShopifyOrderAddress({ client: client(), gate: gate(), ...options });

async function findOrder(scenario: string) {
  const entry = demo.find((o) => o.scenario === scenario)!;
  const source = createShopifyOrderSource({ client: client(), gate: gate() });
  return (await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
}

const LYON: NewShippingAddress = {
  firstName: 'Camille', lastName: 'Martin', address1: '3 rue Mercière', address2: 'Bâtiment B', city: 'Lyon',
  provinceCode: null, countryCode: 'FR', zip: '69002', phone: '+33472000000',
};

const ordersUpdated = async () => {
  await emulator.webhooks.idle();
  return hooks.filter((hook) => hook.topic === 'orders/updated');
};

beforeAll(async () => {
  emulator = createShopifyEmulator({ accessToken: TOKEN });
  server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const verifier = createShopifyWebhookVerifier({ apiSecret: SANDBOX_CLIENT_SECRET });
  receiver = createServer(toNodeHandler(async (request) => {
    const raw = await request.text();
    hooks.push({ topic: request.headers.get('x-shopify-topic') ?? '', verified: (await verifier.verify(request, raw)).ok, body: JSON.parse(raw) });
    return new Response(null, { status: 200 });
  }));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
});
afterAll(async () => {
  await emulator.webhooks.idle();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(async () => {
  await emulator.webhooks.idle();
  await control('reset', {});
  hooks.length = 0;
  const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/shopify`;
  const subscribe = `mutation { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { uri: "${uri}", format: JSON }) { userErrors { message } } }`;
  await fetch(`${baseUrl}/admin/api/2026-10/graphql.json`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': TOKEN }, body: JSON.stringify({ query: subscribe }) });
});

describe('Shopify order address', () => {
  it('replaces an unshipped order’s shipping address, sends a signed orders/updated, and the order reads it back', async () => {
    const before = await findOrder('unfulfilled');
    const result = await adapter().updateShippingAddress({ orderId: before.id, address: LYON });
    expect(result).toEqual({ ok: true, address: LYON, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await findOrder('unfulfilled')).shippingAddress).toMatchObject(LYON);
    expect(await ordersUpdated()).toEqual([{
      topic: 'orders/updated', verified: true,
      body: expect.objectContaining({ admin_graphql_api_id: before.id, shipping_address: expect.objectContaining({ address1: '3 rue Mercière', city: 'Lyon', zip: '69002', country_code: 'FR', country: 'France' }) }),
    }]);
    expect((await control('stats')).operations).toMatchObject({ ComptoirOrderAddressUpdate: 1 });
  });

  it('writes the whole address: a part left out is emptied, as Shopify overwrites it', async () => {
    const { id } = await findOrder('unfulfilled');
    const result = await adapter().updateShippingAddress({ orderId: id, address: { ...LYON, address2: null, phone: null } });
    expect(result).toMatchObject({ ok: true, address: { address2: null, phone: null } });
  });

  it('refuses an unknown order and fields over 255 characters as values, sending nothing', async () => {
    const { id } = await findOrder('unfulfilled');
    expect(await adapter().updateShippingAddress({ orderId: 'gid://shopify/Order/1', address: LYON })).toEqual({ ok: false, errors: [{ field: ['id'], message: 'Order does not exist' }] });
    expect(await adapter().updateShippingAddress({ orderId: id, address: { ...LYON, address1: 'x'.repeat(256), lastName: 'y'.repeat(300) } })).toEqual({
      ok: false, errors: [
        { field: ['shippingAddress', 'address1'], message: 'Address1 is too long (maximum is 255 characters)' },
        { field: ['shippingAddress', 'lastName'], message: 'Last name is too long (maximum is 255 characters)' },
      ],
    });
    expect((await findOrder('unfulfilled')).shippingAddress).not.toMatchObject({ address1: 'x'.repeat(256) });
    expect(await ordersUpdated()).toEqual([]);
  });

  it('accepts a shipped order’s address as Shopify does: refusing it is the portal’s own rule', async () => {
    const shipped = await findOrder('in-transit');
    expect(await adapter().updateShippingAddress({ orderId: shipped.id, address: LYON })).toMatchObject({ ok: true });
  });

  it('turns an outage into a retryable UpstreamError; the retry writes the same address once', async () => {
    const { id } = await findOrder('unfulfilled');
    await control('faults', { mode: 'http500', count: 1 });
    const error = await adapter().updateShippingAddress({ orderId: id, address: LYON }).catch((e: unknown) => e);
    expect(isUpstreamError(error)).toBe(true);
    expect(error).toMatchObject({ service: 'shopify', code: 'HTTP_500', retryable: true });
    expect(await ordersUpdated()).toEqual([]);
    expect(await adapter().updateShippingAddress({ orderId: id, address: LYON })).toMatchObject({ ok: true, address: LYON });
    expect(await ordersUpdated()).toHaveLength(1);
  });

  it('reads the shop’s shipping countries once per TTL, and keeps no failed read', async () => {
    let now = 0;
    const shop = adapter({ now: () => now, countriesTtlMs: 1000 });
    await control('faults', { mode: 'http500', count: 1 });
    await expect(shop.listShippingCountries()).rejects.toMatchObject({ code: 'HTTP_500' });
    const countries = await shop.listShippingCountries();
    expect(countries).toEqual(expect.arrayContaining(['FR', 'BE', 'DE', 'GB', 'US', 'CA']));
    expect(await shop.listShippingCountries()).toBe(countries);
    now = 1000;
    await shop.listShippingCountries();
    // The failed read never reached Shopify's parser: two operations counted, one per TTL.
    expect((await control('stats')).operations.ComptoirShopShippingCountries).toBe(2);
  });
});
