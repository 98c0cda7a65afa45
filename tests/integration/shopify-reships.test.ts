import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminCaller } from '~/integrations/shopify/admin-caller.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createReships } from '~/integrations/shopify/reships.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * The real reship adapter (through @shopify/shopify-api) against its own Shopify emulator over
 * HTTP: a free draft order completed into the replacement, found again by the case's tag rather
 * than made twice; refusals as values, outages as UpstreamErrors.
 */
const SHOP = 'reship-test.myshopify.com';
const TOKEN = 'shpat_reshiptest';

let server: Server;
let baseUrl: string;
let demo: { name: string; email: string; scenario: string }[];

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}/__sandbox/shopify/${path}`, init)).json();
};
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const adapter = () => createReships(createAdminCaller({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) }));
const drafts = async () => (await control('draft-orders')).draftOrders as Array<{ status: string; tags: string[]; note: string; order: { id: string; name: string } | null; lines: { variantId: string; quantity: number }[] }>;

async function orderOf(scenario: string) {
  const entry = demo.find((o) => o.scenario === scenario)!;
  const source = createShopifyOrderSource({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
  return (await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
}

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

describe('Shopify reships', () => {
  it('sends a free replacement of the lines once: a second call for the same case finds its order', async () => {
    const order = await orderOf('delivered-recently');
    const line = order.lineItems[0]!;
    const request = { orderId: order.id, caseId: 'C-7K3M9PQ2', lines: [{ lineItemId: line.id, quantity: 1 }], note: 'Comptoir C-7K3M9PQ2: problem report (damaged)' };
    const first = await adapter().reship(request);
    expect(first).toEqual({ ok: true, orderId: expect.stringMatching(/^gid:\/\/shopify\/Order\//), orderName: '#1048', already: false });
    expect(await adapter().reship(request)).toEqual({ ...first, already: true });
    expect(await drafts()).toEqual([expect.objectContaining({ status: 'COMPLETED', tags: ['comptoir', 'C-7K3M9PQ2'], note: request.note, order: { id: first.ok ? first.orderId : '', name: '#1048' }, lines: [expect.objectContaining({ quantity: 1 })] })]);
    const made = await createShopifyOrderSource({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) }).getOrder(first.ok ? first.orderId : '');
    expect(made).toMatchObject({ name: '#1048', total: { amount: '0.0' } });
  });

  it('refuses a line that is not on the order, as a value', async () => {
    const order = await orderOf('delivered-recently');
    expect(await adapter().reship({ orderId: order.id, caseId: 'C-AAAA2222', lines: [{ lineItemId: 'gid://shopify/LineItem/1', quantity: 1 }], note: 'x' }))
      .toMatchObject({ ok: false, code: 'LINE_NOT_FOUND' });
    expect(await drafts()).toEqual([]);
  });

  it('throws a retryable UpstreamError when Shopify is down, and sends once on the retry', async () => {
    const order = await orderOf('delivered-recently');
    const request = { orderId: order.id, caseId: 'C-BBBB3333', lines: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }], note: 'x' };
    await control('faults', { mode: 'http500', count: 5 });
    const error = await adapter().reship(request).catch((e: unknown) => e);
    expect(isUpstreamError(error) && error.retryable).toBe(true);
    await control('faults', { mode: 'none' });
    expect(await adapter().reship(request)).toMatchObject({ ok: true, already: false });
    expect(await drafts()).toHaveLength(1);
  });
});
