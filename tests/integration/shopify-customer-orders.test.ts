import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyCustomerOrders } from '~/integrations/shopify/customer-orders.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';

/** The sidebar's orders query, through the real adapter, against the Shopify emulator over HTTP. */
const SHOP = 'customer-orders-test.myshopify.com';
let server: Server;
let baseUrl: string;
let demo: { name: string; email: string }[];

const adapter = () => createShopifyCustomerOrders({ client: createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl }) });
const stats = async () => (await (await fetch(`${baseUrl}/__sandbox/shopify/stats`)).json()) as { requests: number; requestedCost: number };

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: 'shpat_customerorders' }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a customer's latest orders", () => {
  it('lists every order of the email, newest first, with parcels and tracking, in one call under the cost limit', async () => {
    const email = 'camille.martin@example.com';
    const expected = demo.filter((order) => order.email === email).map((order) => order.name);
    expect(expected.length).toBeGreaterThan(1);
    const before = await stats();
    const orders = await adapter().listRecentOrders(email, 5);
    const after = await stats();
    expect(orders.map((order) => order.name).sort()).toEqual([...expected].sort());
    const created = orders.map((order) => order.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(orders.some((order) => order.parcels.some((parcel) => parcel.trackingNumber))).toBe(true);
    expect(after.requests - before.requests).toBe(1);
    expect(after.requestedCost - before.requestedCost).toBeLessThan(1000);
  });

  it('finds nothing for an email with no order, and nothing for a prefix of a real one', async () => {
    expect(await adapter().listRecentOrders('nobody@example.com', 5)).toEqual([]);
    expect(await adapter().listRecentOrders('camille.martin@example', 5)).toEqual([]);
  });
});
