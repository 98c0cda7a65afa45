import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelPostSchema } from '~/cases/cancellation/cancel-form';
import { submitCancellation, type CancelDeps } from '~/cases/cancellation/cancel-request.server';
import { asCaseOf } from '~/cases/case-kind-guards';
import type { CaseStore } from '~/cases/case-store';
import { decideReview, type DecideReviewDeps } from '~/cases/decide-review.server';
import type { CaseExecutor } from '~/cases/kind';
import { KINDS } from '~/cases/kinds';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyFulfillmentHolds } from '~/integrations/shopify/fulfillment-holds.server';
import { createShopifyOrderCancel } from '~/integrations/shopify/order-cancel.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { GORGIAS_SYNC_CASE, SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { DEFAULT_POLICY_FILE, parsePolicy } from '~/policy/load-policy.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { hashIdentifier } from '~/session/hash.server';

/**
 * A reviewed cancellation holds the order's shipping in Shopify: the real adapters over HTTP to an
 * emulator of this file's own, PGlite with pg-boss (no worker: the test runs the executor as the
 * job would). With a €30 value limit, #1043–#1046 go to review like #1047, one order per test.
 */
const SHOP = 'cancel-hold-test.myshopify.com';
const TOKEN = 'shpat_cancelholdtest';
const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
  [GORGIAS_SYNC_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
};

let server: Server;
let baseUrl: string;
let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let deps: CancelDeps;
let executor: CaseExecutor<unknown>;
let decideDeps: DecideReviewDeps;
let demo: { name: string; email: string; scenario: string }[];

const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const control = (path: string, body: unknown) => fetch(`${baseUrl}/__sandbox/shopify/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const admin = async (action: string, id: string) => {
  const response = await fetch(`${baseUrl}/__sandbox/shopify/admin`, { method: 'POST', body: new URLSearchParams({ action, id }), redirect: 'manual' });
  return { status: response.status, text: await response.text() };
};
const fulfillmentOrder = async (orderId: string) => {
  const response = await fetch(`${baseUrl}/admin/api/2026-10/graphql.json`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': TOKEN },
    body: JSON.stringify({ query: 'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { status fulfillmentHolds { handle } } } } }', variables: { id: orderId } }),
  });
  return ((await response.json()) as { data: { order: { fulfillmentOrders: { nodes: { status: string; fulfillmentHolds: { handle: string }[] }[] } } } }).data.order.fulfillmentOrders.nodes[0]!;
};
const eventsOf = async (caseId: string, type: string) => (await cases.listEvents(caseId)).filter((event) => event.type === type);
const run = async (caseId: string) => executor.run(asCaseOf(await cases.getCase(caseId), 'cancellation'));

/** The shopper asks to cancel `scenario`'s order `index`: the policy sends it to the team. */
async function requestReview(scenario: string, index = 0) {
  const entry = demo.filter((o) => o.scenario === scenario)[index]!;
  const found = (await createShopifyOrderSource({ client: client() }).findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
  const shopper = { orderId: found.id, orderName: found.name, language: 'en', ticketId: null };
  const form = CancelPostSchema.parse({ idempotencyKey: randomUUID(), reasonId: 'changed_mind', mode: 'review' });
  const result = await submitCancellation(deps, shopper, form, new Date());
  if (!('ok' in result) || !result.ok) throw new Error(`no review case for ${entry.name}: ${JSON.stringify(result)}`);
  return { caseId: result.caseId, orderId: found.id, orderName: found.name };
}

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN, bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES });
  const gate = createThrottleGate({ maxWaitMs: 0 });
  cases = createDbCaseStore(database.db, queue);
  const text = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
  const limit = /maxValue: \{ EUR: "300\.00", CAD: "450\.00", USD: "330\.00" \}/;
  const policy = parsePolicy(text.replace(limit, 'maxValue: { EUR: "30.00", CAD: "45.00", USD: "33.00" }'), 'strict.policy.yaml');
  const orderCancel = createShopifyOrderCancel({ client: client(), gate, pollDelaysMs: [0, 50, 100, 200], wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
  const fulfillmentHolds = createShopifyFulfillmentHolds({ client: client(), gate });
  executor = KINDS.cancellation.execute({ cases, shopifyReturns: null as never, orderCancel, orderAddress: null as never, fulfillmentHolds, policy, clock: () => new Date() }) as CaseExecutor<unknown>;
  decideDeps = { cases, decisions: null as never, invalidateOrder: () => {}, followUpJobs: () => [], clock: () => new Date() };
  deps = {
    orders: createShopifyOrderSource({ client: client(), gate }), cases, policy, timeZone: 'Europe/Paris',
    hashId: (value) => hashIdentifier('s'.repeat(32), value), helpdesk: true, executeNow: async () => {},
  };
});
afterAll(async () => {
  await queue.stop();
  await database.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a cancellation the team reviews holds shipping', () => {
  it('holds the order before the team has it; an outage is retried, and the retries hold once', async () => {
    const { caseId, orderId } = await requestReview('cancel-for-review');
    await control('faults', { mode: 'http500', count: 1 });
    await expect(run(caseId)).rejects.toMatchObject({ retryable: true });
    expect((await cases.getCase(caseId))?.state).toBe('received');
    expect((await fulfillmentOrder(orderId)).fulfillmentHolds).toEqual([]);

    const received = asCaseOf(await cases.getCase(caseId), 'cancellation');
    await executor.run(received);
    expect((await cases.getCase(caseId))?.state).toBe('needs_review');
    expect(await eventsOf(caseId, 'shipping_held')).toEqual([expect.objectContaining({ actor: 'system', data: { fulfillmentOrders: '1' } })]);
    // A re-driven job with the copy read before: still one hold, logged once.
    await executor.run(received);
    expect(await fulfillmentOrder(orderId)).toEqual({ status: 'ON_HOLD', fulfillmentHolds: [{ handle: `comptoir-${caseId}` }] });
    expect(await eventsOf(caseId, 'shipping_held')).toHaveLength(1);
  });

  it('keeps the parcel in while held (the admin cannot fulfil it); declined, the hold is released once and the order ships', async () => {
    const { caseId, orderId, orderName } = await requestReview('ready-to-cancel', 0);
    await run(caseId);
    const refused = await admin('fulfil', orderId);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`${orderName} is on hold`);

    const declined = await decideReview(decideDeps, caseId, { kind: 'decline', reason: 'OTHER', note: 'Already packed, sorry.' }, 'Inès');
    expect(declined).toMatchObject({ status: 'decided', case: { state: 'declined' } });
    // The decline queues the case's job, which releases the hold.
    expect((await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } })).length).toBeGreaterThanOrEqual(2);
    await run(caseId);
    await run(caseId);
    expect(await eventsOf(caseId, 'shipping_released')).toEqual([expect.objectContaining({ data: { fulfillmentOrders: '1' } })]);
    expect(await fulfillmentOrder(orderId)).toEqual({ status: 'OPEN', fulfillmentHolds: [] });
    expect((await admin('fulfil', orderId)).status).toBe(303);
  });

  it('approved, the order is cancelled and the hold goes with it: nothing to release', async () => {
    const { caseId, orderId } = await requestReview('ready-to-cancel', 1);
    await run(caseId);
    expect(await decideReview(decideDeps, caseId, { kind: 'approve' }, 'Inès')).toMatchObject({ status: 'decided', case: { state: 'approved' } });
    await run(caseId);
    expect((await cases.getCase(caseId))?.state).toBe('completed');
    expect(await fulfillmentOrder(orderId)).toEqual({ status: 'CANCELLED', fulfillmentHolds: [] });
    expect(await eventsOf(caseId, 'shipping_released')).toEqual([]);
  });

  it('a parcel already gone: nothing is held, the case still goes to the team, with why', async () => {
    const { caseId, orderId } = await requestReview('ready-to-cancel', 2);
    expect((await admin('fulfil', orderId)).status).toBe(303);
    await run(caseId);
    expect((await cases.getCase(caseId))?.state).toBe('needs_review');
    expect(await eventsOf(caseId, 'shipping_not_held')).toEqual([expect.objectContaining({ data: { why: 'closed', messages: [] } })]);
    expect(await eventsOf(caseId, 'shipping_held')).toEqual([]);
  });
});
