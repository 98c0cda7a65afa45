import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createShopifyReverseDeliveries } from '~/integrations/shopify/reverse-deliveries.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';

/**
 * A shopper's tracking number recorded on their Shopify return: the real adapter against the
 * Shopify emulator over HTTP, which executes the documents against the real Admin schema.
 */
const SHOP = 'reverse-test.myshopify.com';
const TOKEN = 'shpat_reversetest';

let server: Server;
let baseUrl: string;
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const gate = () => createThrottleGate({ maxWaitMs: 0 });

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function openReturn(via: 'create' | 'request'): Promise<string> {
  const demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: { name: string; email: string; scenario: string }[] }).orders;
  const entry = demo.find((o) => o.scenario === 'delivered-recently')!;
  const order = await createShopifyOrderSource({ client: client(), gate: gate() }).findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email });
  const returns = createShopifyReturns({ client: client(), gate: gate() });
  const context = (await returns.getReturnContext(order!.id))!;
  const line = context.lines.find((candidate) => candidate.returnableQuantity > 0)!;
  const lines = [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: null, note: '[C-TEST0000]' }];
  const result = via === 'create' ? await returns.createReturn({ orderId: order!.id, lines, exchangeLines: [] }) : await returns.requestReturn({ orderId: order!.id, lines });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.returnId;
}

describe("recording a shopper's tracking number on their Shopify return", () => {
  it('adds it to the open return once; a retry finds it there', async () => {
    const returnId = await openReturn('create');
    const deliveries = createShopifyReverseDeliveries({ client: client(), gate: gate() });
    const tracking = { number: '6A123456789', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A123456789' };
    expect(await deliveries.recordTracking(returnId, tracking)).toBe('recorded');
    expect(await deliveries.recordTracking(returnId, tracking)).toBe('already_recorded');
    // A second parcel with another number is a second delivery.
    expect(await deliveries.recordTracking(returnId, { number: 'JD0146000012', url: null })).toBe('recorded');
  });

  it('finds nothing to send back on a return Shopify has not approved, or does not have', async () => {
    const deliveries = createShopifyReverseDeliveries({ client: client(), gate: gate() });
    expect(await deliveries.recordTracking(await openReturn('request'), { number: '6A123456789', url: null })).toBe('not_found');
    expect(await deliveries.recordTracking('gid://shopify/Return/1', { number: '6A123456789', url: null })).toBe('not_found');
  });
});
