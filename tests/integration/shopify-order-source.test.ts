import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH, type ShopifyAuth } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { createCachedOrderSource } from '~/orders/order-cache.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * The real adapter (through @shopify/shopify-api) against the Shopify emulator over HTTP.
 * A separate shop domain keeps this test's traffic apart from any other emulator in the process.
 */
const SHOP = 'adapter-test.myshopify.com';
const TOKEN = 'shpat_adaptertest';

let server: Server;
let baseUrl: string;
let demo: { name: string; email: string; scenario: string }[];

const control = (path: string, body?: unknown) =>
  fetch(`${baseUrl}${path}`, body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const stats = async () => (await (await control('/__sandbox/shopify/stats')).json()) as { requests: number; requestedCost: number };
const source = (auth: ShopifyAuth = SANDBOX_SHOPIFY_AUTH) =>
  createShopifyOrderSource({
    client: createShopifyGraphqlClient({ shopDomain: SHOP, auth, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl }),
    gate: createThrottleGate({ maxWaitMs: 0 }),
  });
const numberOf = (name: string) => parseOrderNumber(name)!;

beforeAll(async () => {
  const emulator = createShopifyEmulator({ accessToken: TOKEN });
  server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await control('/__sandbox/shopify/reset', {});
});

describe('Shopify order source', () => {
  it('finds every demo order by number and email, in one call each, under the cost budget', async () => {
    const orders = source();
    for (const entry of demo) {
      const order = await orders.findOrderForShopper({ orderNumber: numberOf(entry.name), email: entry.email.toLowerCase() });
      expect(order?.name, entry.scenario).toBe(entry.name);
    }
    const { requests, requestedCost } = await stats();
    expect(requests).toBe(demo.length);
    // 240 for the order and its parcels, 90 for its latest returns: a third of Shopify's 1,000-point ceiling.
    expect(requestedCost / requests).toBeLessThanOrEqual(350);
  });

  it('returns null for an unknown order and for a wrong email', async () => {
    const orders = source();
    const [first] = demo;
    expect(await orders.findOrderForShopper({ orderNumber: '999999', email: first!.email })).toBeNull();
    expect(await orders.findOrderForShopper({ orderNumber: numberOf(first!.name), email: 'someone.else@example.com' })).toBeNull();
  });

  it('reads parcels with carrier, tracking and events in order', async () => {
    const entry = demo.find((o) => o.scenario.includes('transit'))!;
    const order = (await source().findOrderForShopper({ orderNumber: numberOf(entry.name), email: entry.email }))!;
    const parcel = order.parcels.find((p) => p.events.length > 1)!;
    expect(parcel.trackingNumber).toBeTruthy();
    const times = parcel.events.map((e) => e.happenedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads the returns made in Shopify with the order: items, exchange, status and refunded amount', async () => {
    const find = async (scenario: string) => {
      const entry = demo.find((o) => o.scenario === scenario)!;
      return (await source().findOrderForShopper({ orderNumber: numberOf(entry.name), email: entry.email }))!;
    };
    const exchange = await find('exchange-in-progress');
    expect(exchange.returns).toHaveLength(1);
    const [open] = exchange.returns;
    expect(open).toMatchObject({ name: `${exchange.name}-R1`, status: 'open', closedAt: null, refunded: null });
    expect(open!.lines).toEqual([{ lineItemId: exchange.lineItems[1]!.id, quantity: 1 }]);
    expect(open!.exchanges).toEqual([expect.objectContaining({ quantity: 1, variantTitle: expect.stringContaining('44') })]);
    const refunded = await find('returned-and-refunded');
    expect(refunded.returns[0]).toMatchObject({ status: 'closed', closedAt: expect.any(Date), refunded: { currencyCode: 'EUR' } });
    expect(Number(refunded.returns[0]!.refunded!.amount)).toBeGreaterThan(0);
  });

  it('serves a revisit from the cache with zero calls', async () => {
    const orders = createCachedOrderSource(source(), { ttlMs: 60_000 });
    const [entry] = demo;
    const found = (await orders.findOrderForShopper({ orderNumber: numberOf(entry!.name), email: entry!.email }))!;
    await orders.getOrder(found.id);
    await orders.getOrder(found.id);
    expect((await stats()).requests).toBe(1);
    orders.invalidate(found.id);
    expect((await orders.getOrder(found.id))?.name).toBe(entry!.name);
    expect((await stats()).requests).toBe(2);
  });

  it.each([
    ['throttled', 'THROTTLED'],
    ['http429', 'HTTP_429'],
    ['http500', 'HTTP_500'],
  ])('turns a %s answer into one retryable upstream error', async (mode, code) => {
    await control('/__sandbox/shopify/faults', { mode, count: 1 });
    const [entry] = demo;
    const error = await source()
      .findOrderForShopper({ orderNumber: numberOf(entry!.name), email: entry!.email })
      .catch((e: unknown) => e);
    expect(isUpstreamError(error)).toBe(true);
    expect(error).toMatchObject({ service: 'shopify', code, retryable: true });
    expect((await source().findOrderForShopper({ orderNumber: numberOf(entry!.name), email: entry!.email }))?.name).toBe(entry!.name);
  });

  it('reports a wrong token as a non-retryable upstream error', async () => {
    const error = await source({ kind: 'admin-token', adminToken: 'shpat_wrong' }).getOrder('gid://shopify/Order/1').catch((e: unknown) => e);
    expect(error).toMatchObject({ service: 'shopify', status: 401, retryable: false });
  });
});
