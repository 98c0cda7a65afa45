import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createShopifyFulfillmentHolds } from '~/integrations/shopify/fulfillment-holds.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { startTestShopify, type TestShopify } from './support/test-shopify';

/**
 * The real fulfillment-hold adapter against its own Shopify emulator over HTTP: one hold per
 * fulfillment order under the case's handle, never twice; only our holds released; a shipped or
 * cancelled order holds nothing and says why; an outage is a retryable UpstreamError.
 */
const SHOP = 'holds-test.myshopify.com';
const TOKEN = 'shpat_holdstest';

let shopify: TestShopify;

const control = (path: string, body?: unknown) => shopify.control(path, body);
const holds = () => createShopifyFulfillmentHolds({ client: shopify.client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
  (await (await fetch(`${shopify.baseUrl}/admin/api/2026-10/graphql.json`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': TOKEN }, body: JSON.stringify({ query, variables }),
  })).json()) as { data: any };

const findOrder = (scenario: string) => shopify.orderOf(scenario);
const fulfillmentOrders = async (orderId: string) =>
  (await graphql('query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 5) { nodes { id status fulfillmentHolds { id handle } } } } }', { id: orderId })).data.order;

beforeAll(async () => {
  shopify = await startTestShopify({ shop: SHOP, accessToken: TOKEN });
});
afterAll(() => shopify.close());
beforeEach(async () => {
  await control('reset', {});
});

describe('Shopify fulfillment holds', () => {
  it('holds every open fulfillment order once under the case’s handle; a retry places nothing more', async () => {
    const { id } = await findOrder('cancel-for-review');
    const first = await holds().holdOrder({ orderId: id, caseId: 'C-HOLD0001', reasonNotes: 'Cancellation under review (C-HOLD0001)' });
    expect(first).toEqual({ held: true, fulfillmentOrderIds: [expect.stringMatching(/^gid:\/\/shopify\/FulfillmentOrder\//)], placed: 1 });
    expect(await holds().holdOrder({ orderId: id, caseId: 'C-HOLD0001', reasonNotes: 'again' })).toEqual({ ...first, placed: 0 });
    const read = await fulfillmentOrders(id);
    expect(read).toEqual({ displayFulfillmentStatus: 'ON_HOLD', fulfillmentOrders: { nodes: [{ id: first.held && first.fulfillmentOrderIds[0], status: 'ON_HOLD', fulfillmentHolds: [{ id: expect.any(String), handle: 'comptoir-C-HOLD0001' }] }] } });
    expect((await control('stats')).operations).toMatchObject({ ComptoirFulfillmentOrderHold: 1, ComptoirOrderFulfillmentHolds: 2 });
  });

  it('releases only the case’s own hold: another hold stays, and a second release finds nothing', async () => {
    const { id } = await findOrder('cancel-for-review');
    await holds().holdOrder({ orderId: id, caseId: 'C-HOLD0002', reasonNotes: 'review' });
    const foId = (await fulfillmentOrders(id)).fulfillmentOrders.nodes[0].id;
    const other = await graphql('mutation($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: HIGH_RISK_OF_FRAUD, handle: "fraud" }) { userErrors { code } } }', { id: foId });
    expect(other.data.fulfillmentOrderHold.userErrors).toEqual([]);
    expect(await holds().releaseOrder({ orderId: id, caseId: 'C-HOLD0002' })).toEqual({ released: [foId], errors: [] });
    expect((await fulfillmentOrders(id)).fulfillmentOrders.nodes[0]).toMatchObject({ status: 'ON_HOLD', fulfillmentHolds: [{ handle: 'fraud' }] });
    expect(await holds().releaseOrder({ orderId: id, caseId: 'C-HOLD0002' })).toEqual({ released: [], errors: [] });
  });

  it('holds nothing on a shipped or a cancelled order, and says why', async () => {
    const shipped = await findOrder('delivered-recently');
    expect(await holds().holdOrder({ orderId: shipped.id, caseId: 'C-HOLD0003', reasonNotes: 'review' })).toEqual({ held: false, reason: 'closed', errors: [] });
    const cancelled = await findOrder('cancelled');
    expect(await holds().holdOrder({ orderId: cancelled.id, caseId: 'C-HOLD0003', reasonNotes: 'review' })).toEqual({ held: false, reason: 'cancelled', errors: [] });
    expect(await holds().releaseOrder({ orderId: cancelled.id, caseId: 'C-HOLD0003' })).toEqual({ released: [], errors: [] });
  });

  it('turns an outage into a retryable UpstreamError; the retry holds once', async () => {
    const { id } = await findOrder('cancel-for-review');
    await control('faults', { mode: 'http500', count: 1 });
    const error = await holds().holdOrder({ orderId: id, caseId: 'C-HOLD0004', reasonNotes: 'review' }).catch((caught: unknown) => caught);
    expect(isUpstreamError(error) && error.retryable).toBe(true);
    expect(await holds().holdOrder({ orderId: id, caseId: 'C-HOLD0004', reasonNotes: 'review' })).toMatchObject({ held: true, placed: 1 });
    expect((await fulfillmentOrders(id)).fulfillmentOrders.nodes[0].fulfillmentHolds).toHaveLength(1);
  });
});
