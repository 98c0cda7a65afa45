import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case, CaseStore } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { toCaseView } from '~/cases/case-view';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbWebhookDeliveryStore } from '~/db/webhook-delivery-store.server';
import { webhookDeliveries } from '~/db/schema';
import { parseEnv } from '~/env.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createShopifyWebhookVerifier } from '~/integrations/shopify/webhook-verifier.server';
import { ensureWebhookSubscriptions } from '~/integrations/shopify/webhook-subscriptions.server';
import { createApplyWebhookHandler } from '~/jobs/apply-webhook.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { LABELS_REQUEST_LABEL, SHOPIFY_APPLY_WEBHOOK, SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import type { ReturnContext } from '~/policy/return-context';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator, type ShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { toShopifyWebhookRequest } from '~/sandbox/shopify/webhook-signature.server';
import { toShopifyWebhookParser } from '~/integrations/shopify/webhook-parser';
import { MAX_WEBHOOK_BYTES, receiveWebhook, toWebhookResponse, toWebhookSource, type IntakeDeps, type WebhookSource } from '~/webhooks/intake.server';
import { SHOPIFY_WEBHOOK_TOPICS, toSubscriptionTopic } from '~/webhooks/shopify-events';
import { waitFor } from './support/wait-for';

/**
 * Shopify webhooks end to end: the Shopify emulator signs and sends them (an agent acting on its
 * admin page), the intake verifies, records and queues them, the worker moves the case. PGlite in
 * memory, pg-boss with one-second retries, the real adapters over HTTP.
 */
const SHOP = 'webhook-test.myshopify.com';
const TOKEN = 'shpat_webhooktest';
const SECRET = 'webhook-test-secret-0123456789abcdef';
const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 3, retryDelay: 1, retryBackoff: false },
  [SHOPIFY_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 3, retryDelay: 1, retryBackoff: false },
  // Approved cases queue their label request; no label worker runs here.
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
};

let shopify: Server;
let portal: Server;
let emulator: ShopifyEmulator;
let shopifyUrl: string;
let portalUrl: string;
let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let policy: Policy;
let context: ReturnContext;
let intake: IntakeDeps;
let source: WebhookSource;
/** Orders whose cached copy was dropped, in order: what the order cache was told. */
const dropped: string[] = [];

const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: SECRET, sandboxUrl: shopifyUrl });
const hook = `/webhooks/shopify`;

/** Plays Shopify: a delivery signed with `secret` (ours unless an attacker's), posted to the portal. */
async function post(topic: string, payload: unknown, options: { secret?: string; eventId?: string; webhookId?: string } = {}) {
  const { body, headers } = toShopifyWebhookRequest(options.secret ?? SECRET, {
    topic, shopDomain: SHOP, apiVersion: '2026-10', payload,
    ...(options.eventId ? { eventId: options.eventId } : {}), ...(options.webhookId ? { webhookId: options.webhookId } : {}),
  });
  const response = await fetch(`${portalUrl}${hook}`, { method: 'POST', body, headers });
  return { status: response.status, body: (await response.json()) as { status?: string; error?: string } };
}

/** An agent's click on the emulator's admin page. */
async function agent(action: string, fields: Record<string, string>) {
  const response = await fetch(`${shopifyUrl}/__sandbox/shopify/admin`, { method: 'POST', body: new URLSearchParams({ action, ...fields }), redirect: 'manual' });
  expect(response.status).toBe(303);
}

/** A review case on the delivered demo order, submitted to Shopify by the real worker (REQUESTED return). */
async function reviewCase(decision: CaseLine['decision'] = 'needs_review'): Promise<Case> {
  const line = context.lines[0]!;
  const money = { amount: '10.00', currencyCode: 'EUR' };
  const result = await cases.openCase({
    kind: 'return', orderId: context.orderId, orderName: context.orderName, customerEmailHash: randomUUID(), language: 'en',
    details: {
      lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, lineItemId: line.lineItemId, title: line.title, quantity: 1, reasonId: 'defective', note: null, outcome: 'refund', photoIds: [], decision, clauseIds: ['5.1'] }],
      refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: money, estimatedRefund: money },
    },
    policyVersion: policy.version,
  }, randomUUID(), new Date(), (opened) => [{ name: SHOPIFY_EXECUTE_CASE, data: { caseId: opened.id } }]);
  if (result.status !== 'opened') throw new Error('case not opened');
  return waitFor(async () => {
    const found = await cases.getCase(result.case.id);
    return found?.providerRefs.shopifyReturnId && found.state === (decision === 'approved' ? 'approved' : 'needs_review') ? found : null;
  });
}

const stateOf = async (id: string) => (await cases.getCase(id))!.state;
const eventsOf = async (id: string) => (await cases.listEvents(id)).map((e) => e.type);
const deliveriesRecorded = async () => (await database.db.select().from(webhookDeliveries)).length;
const returnPayload = (returnId: string, extra: Record<string, unknown> = {}) => ({
  id: Number(returnId.split('/').pop()), admin_graphql_api_id: returnId, order: { id: Number(context.orderId.split('/').pop()), admin_graphql_api_id: context.orderId }, ...extra,
});
/** Every apply job queued so far has run. */
const jobsDone = () => waitFor(async () => {
  const jobs = await queue.boss.findJobs(SHOPIFY_APPLY_WEBHOOK, {});
  return jobs.every((job) => job.state === 'completed') && jobs.length > 0;
});

beforeAll(async () => {
  emulator = createShopifyEmulator({ accessToken: TOKEN, webhookSecret: SECRET, shopDomain: SHOP, webhookRetryDelaysMs: [200, 400] });
  shopify = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => shopify.listen(0, '127.0.0.1', resolve));
  shopifyUrl = `http://127.0.0.1:${(shopify.address() as AddressInfo).port}`;
  policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
  const demo = (await (await fetch(`${shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: any[] };
  const entry = demo.orders.find((o) => o.scenario === 'delivered-recently');
  const order = await createShopifyOrderSource({ client: client() }).findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email });
  context = (await createShopifyReturns({ client: client() }).getReturnContext(order!.id))!;
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
  cases = createDbCaseStore(database.db, queue);
  const deliveries = createDbWebhookDeliveryStore(database.db);
  const invalidateOrder = (orderId: string) => void dropped.push(orderId);
  intake = { deliveries, queue, invalidateOrder, clock: () => new Date() };
  source = toWebhookSource('shopify', SHOPIFY_APPLY_WEBHOOK, createShopifyWebhookVerifier({ apiSecret: SECRET }), toShopifyWebhookParser(SHOP));
  portal = createServer(toNodeHandler(async (request) => toWebhookResponse(request, await receiveWebhook(intake, source, request))));
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  await registerWorkers(queue, createJobHandlers({
    config: parseEnv({}), cases, policy, shopifyReturns: createShopifyReturns({ client: client() }), orderCancel: null as never, orderAddress: null as never, clock: () => new Date(), queues: QUEUES,
    webhooks: { deliveries, invalidateOrder },
  }));
  await ensureWebhookSubscriptions({ client: client() }, `${portalUrl}${hook}`, SHOPIFY_WEBHOOK_TOPICS.map(toSubscriptionTopic));
});

afterAll(async () => {
  await emulator?.webhooks.idle();
  await queue?.stop();
  await database?.close();
  await new Promise<void>((resolve) => portal.close(() => resolve()));
  await new Promise<void>((resolve) => shopify.close(() => resolve()));
});

beforeEach(async () => {
  await emulator.webhooks.idle();
  emulator.reset();
  dropped.length = 0;
});

describe('subscriptions', () => {
  it('subscribes every topic once: a second start finds them and creates nothing', async () => {
    const again = await ensureWebhookSubscriptions({ client: client() }, `${portalUrl}${hook}`, SHOPIFY_WEBHOOK_TOPICS.map(toSubscriptionTopic));
    expect(again.created).toEqual([]);
    expect(again.existing.sort()).toEqual(SHOPIFY_WEBHOOK_TOPICS.map(toSubscriptionTopic).sort());
    const listed = (await (await fetch(`${shopifyUrl}/__sandbox/shopify/webhooks`)).json()) as { subscriptions: { topic: string; uri: string }[] };
    expect(listed.subscriptions).toHaveLength(SHOPIFY_WEBHOOK_TOPICS.length);
    expect(new Set(listed.subscriptions.map((s) => s.uri))).toEqual(new Set([`${portalUrl}${hook}`]));
  });
});

describe('an agent decides a return in Shopify', () => {
  it('approve: the case waiting for review is approved, once, and its order read afresh', async () => {
    const found = await reviewCase();
    await agent('approve', { id: found.providerRefs.shopifyReturnId! });
    await waitFor(async () => (await stateOf(found.id)) === 'approved');
    const events = await cases.listEvents(found.id);
    expect(events.at(-1)).toMatchObject({ type: 'approved_by_store', actor: 'store', data: { topic: 'returns/approve', shopifyReturnId: found.providerRefs.shopifyReturnId } });
    expect(dropped).toContain(context.orderId);
    const delivered = (await (await fetch(`${shopifyUrl}/__sandbox/shopify/webhooks`)).json()) as { deliveries: any[] };
    expect(delivered.deliveries.find((d) => d.topic === 'returns/approve')).toMatchObject({ status: 'delivered', lastStatus: 200, attempts: 1 });
  });

  it('decline: the case is declined with the reason and the note the shopper reads', async () => {
    const found = await reviewCase();
    await agent('decline', { id: found.providerRefs.shopifyReturnId!, reason: 'FINAL_SALE', note: 'Sold as final sale, see clause 3.' });
    await waitFor(async () => (await stateOf(found.id)) === 'declined');
    const view = toCaseView((await cases.getCase(found.id))!, await cases.listEvents(found.id), { helpdesk: false });
    expect(view.decline).toEqual({ reason: 'FINAL_SALE', note: 'Sold as final sale, see clause 3.' });
    expect(view.events.at(-1)?.type).toBe('declined_by_store');
  });

  it('close then refund: an approved case moves on to received and refunded', async () => {
    const found = await reviewCase();
    const returnId = found.providerRefs.shopifyReturnId!;
    await agent('approve', { id: returnId });
    await waitFor(async () => (await stateOf(found.id)) === 'approved');
    await agent('close', { id: returnId });
    await waitFor(async () => (await stateOf(found.id)) === 'received_by_store');
    expect((await post('refunds/create', { id: 77, order_id: Number(context.orderId.split('/').pop()), return: { id: 1, admin_graphql_api_id: returnId } })).body.status).toBe('queued');
    await waitFor(async () => (await stateOf(found.id)) === 'refunded');
    expect((await eventsOf(found.id)).slice(-3)).toEqual(['approved_by_store', 'return_closed', 'refunded_by_store']);
  });
});

describe('deliveries the portal must not act on twice, late or at all', () => {
  it('a missing or wrong signature answers 401 and records nothing', async () => {
    const found = await reviewCase();
    // The emulator's own returns/request delivery for that case must land before counting, not during.
    await emulator.webhooks.idle();
    const before = await deliveriesRecorded();
    const forged = await post('returns/approve', returnPayload(found.providerRefs.shopifyReturnId!), { secret: 'attacker-secret-0000000000000000' });
    expect(forged).toMatchObject({ status: 401, body: { error: 'unsigned', message: expect.stringContaining('signature') } });
    const unsigned = await fetch(`${portalUrl}${hook}`, { method: 'POST', body: JSON.stringify(returnPayload(found.providerRefs.shopifyReturnId!)), headers: { 'X-Shopify-Topic': 'returns/approve' } });
    expect(unsigned.status).toBe(401);
    // Signed, then altered on the way: the bytes no longer match.
    const signed = toShopifyWebhookRequest(SECRET, { topic: 'returns/decline', shopDomain: SHOP, apiVersion: '2026-10', payload: returnPayload('gid://shopify/Return/1') });
    const tampered = signed.body.replace('gid://shopify/Return/1', found.providerRefs.shopifyReturnId!);
    expect((await fetch(`${portalUrl}${hook}`, { method: 'POST', body: tampered, headers: signed.headers })).status).toBe(401);
    expect(await deliveriesRecorded()).toBe(before);
    expect(await stateOf(found.id)).toBe('needs_review');
  });

  it('a replayed event (same event id, even with another webhook id) is recorded and applied once', async () => {
    const found = await reviewCase();
    const eventId = randomUUID();
    const payload = returnPayload(found.providerRefs.shopifyReturnId!, { status: 'open' });
    expect((await post('returns/approve', payload, { eventId })).body.status).toBe('queued');
    expect((await post('returns/approve', payload, { eventId })).body.status).toBe('duplicate');
    expect((await post('returns/approve', payload, { eventId, webhookId: randomUUID() })).body.status).toBe('duplicate');
    await waitFor(async () => (await stateOf(found.id)) === 'approved');
    await jobsDone();
    expect((await eventsOf(found.id)).filter((type) => type === 'approved_by_store')).toHaveLength(1);
  });

  it('a late or out-of-order event never moves a case back', async () => {
    const found = await reviewCase();
    const returnId = found.providerRefs.shopifyReturnId!;
    // Closed arrives before approved: the case goes forward through approved to received.
    expect((await post('returns/close', returnPayload(returnId, { status: 'closed' }))).status).toBe(200);
    await waitFor(async () => (await stateOf(found.id)) === 'received_by_store');
    const count = (await eventsOf(found.id)).length;
    for (const [topic, extra] of [['returns/approve', {}], ['returns/request', {}], ['returns/decline', { decline: { reason: 'other', note: 'late' } }]] as const) {
      expect((await post(topic, returnPayload(returnId, extra))).body.status).toBe('queued');
    }
    await jobsDone();
    expect(await stateOf(found.id)).toBe('received_by_store');
    expect(await eventsOf(found.id)).toHaveLength(count);
  });

  it('a return or an order the portal does not know is acknowledged and ignored', async () => {
    const found = await reviewCase();
    const before = await eventsOf(found.id);
    expect((await post('returns/approve', { id: 1, admin_graphql_api_id: 'gid://shopify/Return/1', order: { id: 2, admin_graphql_api_id: 'gid://shopify/Order/2' } })).status).toBe(200);
    expect((await post('refunds/create', { id: 1, order_id: 2, return: null })).status).toBe(200);
    expect((await post('products/update', { id: 1 })).body.status).toBe('ignored');
    expect((await post('returns/approve', { id: 'no gid here' })).body.status).toBe('ignored');
    await jobsDone();
    expect(await eventsOf(found.id)).toEqual(before);
  });

  it('forgets deliveries after a week, not before: a week-old event id counts as new again', async () => {
    const deliveries = createDbWebhookDeliveryStore(database.db);
    const event = { kind: 'order_changed' as const, orderId: 'gid://shopify/Order/9' };
    const record = (id: string, daysAgo: number) =>
      deliveries.record({ id, vendor: 'shopify', topic: 'orders/updated', webhookId: id, triggeredAt: null, event }, new Date(Date.now() - daysAgo * 86_400_000), async () => {});
    expect(await record('shopify:old', 8)).toBe('recorded');
    expect(await record('shopify:recent', 6)).toBe('recorded');
    const handler = createApplyWebhookHandler({ cases, deliveries, invalidateOrder: () => {}, clock: () => new Date() });
    await handler({ deliveryId: 'shopify:recent' }, { id: randomUUID(), name: SHOPIFY_APPLY_WEBHOOK, retryCount: 0, signal: new AbortController().signal });
    expect(await deliveries.get('shopify:old')).toBeNull();
    expect(await record('shopify:recent', 0)).toBe('duplicate');
  });

  it('a body above 1 MiB is refused before its signature is even checked', async () => {
    const huge = new Blob(['x'.repeat(MAX_WEBHOOK_BYTES + 1)]).stream();
    const request = new Request(`${portalUrl}${hook}`, { method: 'POST', body: huge, duplex: 'half' } as RequestInit);
    expect(await receiveWebhook(intake, source, request)).toBe('too_large');
  });
});

describe('order topics drop the order from the cache', () => {
  const orderNumber = () => Number(context.orderId.split('/').pop());
  it.each([
    ['orders/updated', () => ({ id: orderNumber(), admin_graphql_api_id: context.orderId, name: context.orderName })],
    ['orders/cancelled', () => ({ id: orderNumber(), admin_graphql_api_id: context.orderId, cancelled_at: new Date().toISOString() })],
    ['fulfillments/create', () => ({ id: 5, order_id: orderNumber(), status: 'success' })],
    ['fulfillments/update', () => ({ id: 5, order_id: orderNumber(), status: 'success', shipment_status: 'delivered' })],
  ])('%s', async (topic, payload) => {
    expect((await post(topic, payload())).body.status).toBe('queued');
    // At once by the intake (the response waited for it), then by the job, in the worker's process
    // when they are apart: the job may already have run too, as a job sent wakes the worker at once.
    expect(dropped[0]).toBe(context.orderId);
    await jobsDone();
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    expect(new Set(dropped)).toEqual(new Set([context.orderId]));
  });

  it('a parcel marked delivered in the admin reaches the portal as fulfillments/update', async () => {
    const before = await deliveriesRecorded();
    const parcels = (await (await fetch(`${shopifyUrl}/__sandbox/shopify/admin`)).text()).match(/name="id" value="(gid:\/\/shopify\/Fulfillment\/\d+)"/);
    await agent('deliver', { id: parcels![1]! });
    await emulator.webhooks.idle();
    expect(await deliveriesRecorded()).toBe(before + 1);
    expect(dropped.length).toBeGreaterThan(0);
  });
});

describe('the emulator delivers like Shopify', () => {
  it('retries a delivery the portal failed, with the same event and webhook ids and a valid signature', async () => {
    const { createWebhookHub } = await import('~/sandbox/shopify/webhooks.server');
    const seen: { status: number; eventId: string | null; webhookId: string | null; verified: boolean }[] = [];
    const verifier = createShopifyWebhookVerifier({ apiSecret: SECRET });
    const flaky = createServer(toNodeHandler(async (request) => {
      const body = await request.text();
      const verified = (await verifier.verify(request, body)).ok;
      const status = seen.length === 0 ? 503 : 200;
      seen.push({ status, eventId: request.headers.get('x-shopify-event-id'), webhookId: request.headers.get('x-shopify-webhook-id'), verified });
      return new Response(null, { status });
    }));
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const hub = createWebhookHub({ secret: SECRET, shopDomain: SHOP, apiVersion: '2026-10', clock: () => new Date(), retryDelaysMs: [50, 50] });
    hub.create('ORDERS_UPDATED', `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/webhooks/shopify`);
    hub.emit('orders/updated', { id: 1, admin_graphql_api_id: 'gid://shopify/Order/1' });
    await hub.idle();
    await new Promise<void>((resolve) => flaky.close(() => resolve()));
    expect(seen.map((s) => s.status)).toEqual([503, 200]);
    expect(seen.every((s) => s.verified)).toBe(true);
    expect(new Set(seen.map((s) => `${s.eventId}|${s.webhookId}`)).size).toBe(1);
    expect(hub.deliveries()[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
