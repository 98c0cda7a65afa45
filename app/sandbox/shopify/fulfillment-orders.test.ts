import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';
import { signShopifyWebhook } from './webhook-signature.server';

/* Fulfillment orders and their holds as Shopify answers them, the admin's Fulfil refused while held, and the signed webhooks. */

const SECRET = 'hold-test-secret';
const FULFILLMENT_ORDERS = `query($q: String!) { orders(first: 1, query: $q) { nodes { id displayFulfillmentStatus
  fulfillmentOrders(first: 5) { nodes { id status fulfillmentHolds { id handle reason reasonNotes heldByRequestingApp } lineItems(first: 5) { nodes { remainingQuantity } } } } } } }`;
const HOLD = `mutation($id: ID!, $hold: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
  fulfillmentHold { id handle reason reasonNotes } fulfillmentOrder { id status } remainingFulfillmentOrder { id } userErrors { field message code } } }`;
const RELEASE = `mutation($id: ID!, $holdIds: [ID!]) { fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
  fulfillmentOrder { id status fulfillmentHolds { id } } userErrors { field message code } } }`;

let shop: RunningEmulator;
let hooks: WebhookReceiver;
useEmulatorWithWebhooks({ webhookSecret: SECRET, webhookRetryDelaysMs: [10] }, ['FULFILLMENT_ORDERS_PLACED_ON_HOLD', 'FULFILLMENT_ORDERS_HOLD_RELEASED', 'FULFILLMENTS_CREATE'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});

const readOrder = async (name: string) => (await shop.graphql(FULFILLMENT_ORDERS, { q: `name:${name}` })).body.data?.orders.nodes[0];
const hold = async (id: string, handle: string, reasonNotes = 'Cancellation under review') =>
  (await shop.graphql(HOLD, { id, hold: { reason: 'OTHER', reasonNotes, handle, notifyMerchant: false } })).body.data?.fulfillmentOrderHold;
const release = async (id: string, holdIds?: string[]) => (await shop.graphql(RELEASE, { id, holdIds })).body.data?.fulfillmentOrderReleaseHold;
const admin = (action: string, id: string) =>
  fetch(`${shop.url}/__sandbox/shopify/admin`, { method: 'POST', body: new URLSearchParams({ action, id }), redirect: 'manual' });

describe('Order.fulfillmentOrders', () => {
  it('derives one fulfillment order per order: OPEN unshipped, CLOSED fully shipped, CANCELLED cancelled', async () => {
    const open = await readOrder('#1047');
    expect(open.fulfillmentOrders.nodes).toEqual([expect.objectContaining({ id: expect.stringMatching(/^gid:\/\/shopify\/FulfillmentOrder\/\d+$/), status: 'OPEN', fulfillmentHolds: [] })]);
    expect(open.fulfillmentOrders.nodes[0].lineItems.nodes.every((line: { remainingQuantity: number }) => line.remainingQuantity > 0)).toBe(true);
    expect((await readOrder('#1004')).fulfillmentOrders.nodes[0].status).toBe('CLOSED');
    expect((await admin('cancel', open.id)).status).toBe(303);
    expect((await readOrder('#1047')).fulfillmentOrders.nodes[0].status).toBe('CANCELLED');
  });
});

describe('fulfillmentOrderHold and fulfillmentOrderReleaseHold', () => {
  it('holds (ON_HOLD, the order ON_HOLD), refuses the same handle, lets several holds co-exist, and releases one by one back to OPEN', async () => {
    const order = await readOrder('#1047');
    const foId = order.fulfillmentOrders.nodes[0].id as string;
    const first = await hold(foId, 'comptoir-C-1');
    expect(first).toMatchObject({ userErrors: [], fulfillmentHold: { handle: 'comptoir-C-1', reason: 'OTHER', reasonNotes: 'Cancellation under review' }, fulfillmentOrder: { id: foId, status: 'ON_HOLD' }, remainingFulfillmentOrder: null });
    expect((await readOrder('#1047')).displayFulfillmentStatus).toBe('ON_HOLD');
    expect(await hold(foId, 'comptoir-C-1')).toMatchObject({ fulfillmentHold: null, userErrors: [{ field: ['fulfillmentHold', 'handle'], code: 'DUPLICATE_FULFILLMENT_HOLD_HANDLE' }] });
    const second = await hold(foId, 'fraud-check', 'Checked by another flow');
    expect(second.userErrors).toEqual([]);
    expect((await readOrder('#1047')).fulfillmentOrders.nodes[0].fulfillmentHolds.map((h: { handle: string }) => h.handle)).toEqual(['comptoir-C-1', 'fraud-check']);

    expect(await release(foId, [first.fulfillmentHold.id])).toMatchObject({ userErrors: [], fulfillmentOrder: { status: 'ON_HOLD', fulfillmentHolds: [{ id: second.fulfillmentHold.id }] } });
    expect(await release(foId, [second.fulfillmentHold.id])).toMatchObject({ userErrors: [], fulfillmentOrder: { status: 'OPEN', fulfillmentHolds: [] } });
    expect((await readOrder('#1047')).displayFulfillmentStatus).toBe(order.displayFulfillmentStatus);
    // Releasing again changes nothing and sends nothing.
    expect((await release(foId, [second.fulfillmentHold.id])).userErrors).toEqual([]);
    expect(await hooks.of('fulfillment_orders/hold_released')).toHaveLength(2);
  });

  it('refuses an unknown fulfillment order, a cancelled or closed one, and an eleventh hold by the app', async () => {
    expect((await hold('gid://shopify/FulfillmentOrder/1', 'x')).userErrors).toEqual([{ field: ['id'], code: 'FULFILLMENT_ORDER_NOT_FOUND', message: 'Fulfillment order does not exist.' }]);
    expect((await release('gid://shopify/FulfillmentOrder/1')).userErrors).toEqual([expect.objectContaining({ code: 'FULFILLMENT_ORDER_NOT_FOUND' })]);
    const closed = (await readOrder('#1004')).fulfillmentOrders.nodes[0].id;
    expect((await hold(closed, 'x')).userErrors).toEqual([{ field: ['id'], code: null, message: expect.stringContaining('closed') }]);
    const open = await readOrder('#1046');
    const foId = open.fulfillmentOrders.nodes[0].id;
    for (let index = 0; index < 10; index++) expect((await hold(foId, `h-${index}`)).userErrors).toEqual([]);
    expect((await hold(foId, 'h-10')).userErrors).toEqual([expect.objectContaining({ code: 'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED' })]);
    expect((await admin('cancel', open.id)).status).toBe(303);
    // The holds die with the cancelled fulfillment order.
    expect((await readOrder('#1046')).fulfillmentOrders.nodes[0]).toMatchObject({ status: 'CANCELLED', fulfillmentHolds: [] });
    expect((await hold(foId, 'late')).userErrors).toEqual([expect.objectContaining({ field: ['id'], message: expect.stringContaining('cancelled') })]);
  });

  it('sends fulfillment_orders/placed_on_hold and hold_released with the fulfillment order and the hold', async () => {
    const foId = (await readOrder('#1047')).fulfillmentOrders.nodes[0].id;
    const placed = await hold(foId, 'comptoir-C-2');
    await release(foId);
    expect(await hooks.of('fulfillment_orders/placed_on_hold')).toEqual([{
      fulfillment_order: { id: foId, status: 'on_hold', fulfillment_holds: [{ id: placed.fulfillmentHold.id, handle: 'comptoir-C-2', reason: 'other', reason_notes: 'Cancellation under review' }] },
      remaining_fulfillment_order: null,
      fulfillment_hold: expect.objectContaining({ handle: 'comptoir-C-2' }),
      created_fulfillment_hold: { id: placed.fulfillmentHold.id, handle: 'comptoir-C-2', reason: 'other', reason_notes: 'Cancellation under review' },
    }]);
    expect(await hooks.of('fulfillment_orders/hold_released')).toEqual([{ fulfillment_order: { id: foId, status: 'open', fulfillment_holds: [] } }]);
  });
});

describe('the admin page', () => {
  it('refuses to fulfil an order on hold and says why, releases the hold, then fulfils it', async () => {
    const order = await readOrder('#1047');
    await hold(order.fulfillmentOrders.nodes[0].id, 'comptoir-C-3', 'Cancellation under review: C-3');
    const listed = await (await fetch(`${shop.url}/__sandbox/shopify/admin`)).text();
    expect(listed).toContain('On hold');
    expect(listed).toContain('Cancellation under review: C-3');
    const refused = await admin('fulfil', order.id);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('#1047 is on hold (Other: Cancellation under review: C-3). Release the hold before fulfilling it.');
    expect(await hooks.of('fulfillments/create')).toEqual([]);

    expect((await admin('release_hold', order.id)).status).toBe(303);
    expect((await admin('fulfil', order.id)).status).toBe(303);
    expect(await hooks.of('fulfillments/create')).toHaveLength(1);
    expect(await readOrder('#1047')).toMatchObject({ displayFulfillmentStatus: 'FULFILLED', fulfillmentOrders: { nodes: [{ status: 'CLOSED' }] } });
  });
});

describe('webhook signatures', () => {
  const bodies: Array<{ raw: string; hmac: string | undefined; topic: string | undefined }> = [];
  let server: ReturnType<typeof createServer>;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        bodies.push({ raw, hmac: request.headers['x-shopify-hmac-sha256'] as string | undefined, topic: request.headers['x-shopify-topic'] as string | undefined });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs the hold webhooks with the app secret', async () => {
    const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/signed`;
    const subscribe = `mutation($uri: String!) { webhookSubscriptionCreate(topic: FULFILLMENT_ORDERS_PLACED_ON_HOLD, webhookSubscription: { uri: $uri, format: JSON }) { userErrors { message } } }`;
    expect((await shop.graphql(subscribe, { uri })).body.data?.webhookSubscriptionCreate.userErrors).toEqual([]);
    await hold((await readOrder('#1047')).fulfillmentOrders.nodes[0].id, 'comptoir-C-4');
    await shop.emulator.webhooks.idle();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ topic: 'fulfillment_orders/placed_on_hold', hmac: signShopifyWebhook(SECRET, bodies[0]!.raw) });
  });
});
