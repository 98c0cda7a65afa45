import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReturnReason } from '~/cases/ports';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * The real returns adapter (through @shopify/shopify-api) against the Shopify emulator over HTTP,
 * on its own shop domain and emulator so its writes never meet another test's.
 */
const SHOP = 'returns-test.myshopify.com';
const TOKEN = 'shpat_returnstest';

let server: Server;
let baseUrl: string;
let demo: { name: string; email: string; scenario: string }[];
let reasons: ReturnReason[];

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}${path}`, init)).json();
};
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const returns = () => createShopifyReturns({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
const reasonId = (handle: string) => reasons.find((r) => r.handle === handle)!.id;

/** Order id of the first demo order of a scenario, found the way the portal finds it. */
async function orderIdOf(scenario: string): Promise<string> {
  const entry = demo.find((o) => o.scenario === scenario)!;
  const source = createShopifyOrderSource({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
  return (await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!.id;
}

/** Stock of a variant and its id, read straight from the emulator's Admin API. */
async function variantBySku(orderId: string, sku: string) {
  const query = `query($id: ID!) { order(id: $id) { lineItems(first: 5) { nodes { variant { product { variants(first: 50) {
    nodes { id sku inventoryQuantity } } } } } } } }`;
  const reply = await fetch(`${baseUrl}/admin/api/2026-10/graphql.json`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': TOKEN }, body: JSON.stringify({ query, variables: { id: orderId } }),
  });
  const lines = ((await reply.json()) as any).data.order.lineItems.nodes as any[];
  return lines.flatMap((l) => l.variant.product.variants.nodes).find((v: { sku: string }) => v.sku === sku) as { id: string; inventoryQuantity: number };
}

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  reasons = await returns().listReturnReasons();
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await control('/__sandbox/shopify/reset', {});
});

describe('Shopify returns: context', () => {
  it('reads a delivered order in one call under the 1000-point limit', async () => {
    const orderId = await orderIdOf('delivered-recently');
    await control('/__sandbox/shopify/reset', {});
    const context = (await returns().getReturnContext(orderId))!;
    expect(context).toMatchObject({ orderId, orderName: '#1005', shippingCountryCode: 'FR', orderTotal: { currencyCode: 'EUR' } });
    expect(context.lines.map((l) => [l.sku, l.returnableQuantity])).toEqual([['MAR-RED-S', 1], ['CHI-SAN-40', 1]]);
    for (const line of context.lines) {
      expect(line.deliveredAt!.getTime()).toBeGreaterThan(line.fulfilledAt.getTime());
      expect(line).toMatchObject({ isGiftCard: false, vendor: 'Comptoir', unitPrice: { currencyCode: 'EUR' } });
      expect(line.fulfillmentLineItemId).toMatch(/^gid:\/\/shopify\/FulfillmentLineItem\//);
    }
    const stats = await control('/__sandbox/shopify/stats');
    expect(stats).toMatchObject({ requests: 1, requestedCost: 826, operations: { ComptoirReturnContext: 1 } });
  });

  it.each([
    ['return-in-progress', ['MAR-RED-M']],
    ['gift-card', ['BER-BLK']],
    ['unfulfilled', []],
  ])('%s offers only the units Shopify still counts as returnable', async (scenario, skus) => {
    const context = (await returns().getReturnContext(await orderIdOf(scenario)))!;
    expect(context.lines.map((l) => l.sku)).toEqual(skus);
  });

  it('exposes product tags for final-sale exclusions, and null for an unknown order', async () => {
    const context = (await returns().getReturnContext(await orderIdOf('final-sale')))!;
    expect(context.lines.find((l) => l.sku === 'FOU-PAI')?.productTags).toContain('final-sale');
    expect(await returns().getReturnContext('gid://shopify/Order/1')).toBeNull();
  });

  it('lists the reasons in use, without retired ones', () => {
    expect(reasons.map((r) => r.handle)).toContain('size-too-small');
    expect(reasons.map((r) => r.handle)).not.toContain('arrived-late');
  });
});

describe('Shopify returns: requesting and creating', () => {
  it('requests a return: REQUESTED, recorded, and the unit no longer returnable', async () => {
    const orderId = await orderIdOf('delivered-recently');
    const [line] = (await returns().getReturnContext(orderId))!.lines;
    const result = await returns().requestReturn({
      orderId, lines: [{ fulfillmentLineItemId: line!.fulfillmentLineItemId, quantity: 1, reasonId: reasonId('size-too-small'), note: 'Too tight' }],
    });
    expect(result).toMatchObject({ ok: true, status: 'REQUESTED' });
    const after = (await returns().getReturnContext(orderId))!;
    expect(after.lines.map((l) => l.fulfillmentLineItemId)).not.toContain(line!.fulfillmentLineItemId);
    const { returns: made } = await control('/__sandbox/shopify/returns');
    expect(made).toEqual([expect.objectContaining({
      id: result.ok && result.returnId, orderId, status: 'REQUESTED',
      lines: [expect.objectContaining({ fulfillmentLineItemId: line!.fulfillmentLineItemId, quantity: 1, reason: 'size-too-small', customerNote: 'Too tight' })],
    })]);
  });

  it('creates an exchange: OPEN, and the replacement leaves stock', async () => {
    const orderId = await orderIdOf('multi-item-variants');
    const chinos = (await returns().getReturnContext(orderId))!.lines.find((l) => l.sku === 'CHI-OLI-40')!;
    const before = await variantBySku(orderId, 'CHI-OLI-42');
    const result = await returns().createReturn({
      orderId,
      lines: [{ fulfillmentLineItemId: chinos.fulfillmentLineItemId, quantity: 1, reasonId: reasonId('size-too-small'), note: null }],
      exchangeLines: [{ variantId: before.id, quantity: 1 }],
    });
    expect(result).toMatchObject({ ok: true, status: 'OPEN' });
    expect((await variantBySku(orderId, 'CHI-OLI-42')).inventoryQuantity).toBe(before.inventoryQuantity - 1);
    expect((await control('/__sandbox/shopify/returns')).returns[0].exchangeLines).toEqual([{ variantId: before.id, sku: 'CHI-OLI-42', quantity: 1, processedQuantity: 0 }]);
  });

  it("hands back Shopify's refusals as values: too many units, an unknown reason", async () => {
    const orderId = await orderIdOf('delivered-recently');
    const [line] = (await returns().getReturnContext(orderId))!.lines;
    const tooMany = await returns().requestReturn({ orderId, lines: [{ fulfillmentLineItemId: line!.fulfillmentLineItemId, quantity: 2, reasonId: null, note: null }] });
    expect(tooMany).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'TOO_BIG', field: ['input', 'returnLineItems', '0', 'quantity'] })] });
    const unknownReason = await returns().createReturn({
      orderId, exchangeLines: [],
      lines: [{ fulfillmentLineItemId: line!.fulfillmentLineItemId, quantity: 1, reasonId: 'gid://shopify/ReturnReasonDefinition/42', note: null }],
    });
    expect(unknownReason).toMatchObject({ ok: false, errors: [{ code: 'NOT_FOUND', field: ['returnInput', 'returnLineItems', '0', 'returnReasonDefinitionId'] }] });
    expect((await control('/__sandbox/shopify/returns')).returns).toEqual([]);
  });

  it.each([
    ['http500', 'HTTP_500'],
    ['throttled', 'THROTTLED'],
  ])('turns a %s answer to a mutation into a retryable upstream error, with nothing created', async (mode, code) => {
    const orderId = await orderIdOf('delivered-recently');
    const [line] = (await returns().getReturnContext(orderId))!.lines;
    await control('/__sandbox/shopify/faults', { mode, count: 1 });
    const error = await returns()
      .requestReturn({ orderId, lines: [{ fulfillmentLineItemId: line!.fulfillmentLineItemId, quantity: 1, reasonId: null, note: null }] })
      .catch((e: unknown) => e);
    expect(isUpstreamError(error)).toBe(true);
    expect(error).toMatchObject({ service: 'shopify', code, retryable: true });
    expect((await control('/__sandbox/shopify/returns')).returns).toEqual([]);
  });
});
