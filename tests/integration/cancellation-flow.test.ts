import { parseWithZod } from '@conform-to/zod/v4';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelPostSchema } from '~/cases/cancellation/cancel-form';
import { loadCancelPage, submitCancellation, type CancelDeps } from '~/cases/cancellation/cancel-request.server';
import { asCaseOf } from '~/cases/case-kind-guards';
import { decideReview, type DecideReviewDeps } from '~/cases/decide-review.server';
import { KINDS } from '~/cases/kinds';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderCancel } from '~/integrations/shopify/order-cancel.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createAdminCaller } from '~/integrations/shopify/admin-caller.server';
import { createRefunds } from '~/integrations/shopify/refunds.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { GORGIAS_SYNC_CASE, SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { hashIdentifier } from '~/session/hash.server';

/**
 * The cancellation below the route: PGlite with pg-boss (no worker: the queued job stays queued),
 * the real Shopify adapters over HTTP to an emulator of this file's own. What the shopper posts is
 * parsed as the route parses it; each test takes its own demo order.
 */
const SHOP = 'cancel-flow-test.myshopify.com';
const TOKEN = 'shpat_cancelflowtest';
const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
  [GORGIAS_SYNC_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
};

let server: Server;
let baseUrl: string;
let database: DatabaseHandle;
let queue: Queue;
let deps: CancelDeps;
let demo: { name: string; email: string; scenario: string }[];
let executeNow: CancelDeps['executeNow'];
let decideDeps: DecideReviewDeps;

async function shopperOf(scenario: string, index = 0) {
  const entry = demo.filter((o) => o.scenario === scenario)[index]!;
  const found = await deps.orders.getOrder((await createShopifyOrderSource({ client: client() }).findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!.id);
  return { orderId: found!.id, orderName: found!.name, language: 'en', ticketId: null };
}
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const control = (path: string, body: unknown) => fetch(`${baseUrl}/__sandbox/shopify/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const cancellations = async () => ((await (await fetch(`${baseUrl}/__sandbox/shopify/cancellations`)).json()) as { cancellations: { orderId: string; status: string }[] }).cancellations;
const form = (fields: Record<string, string>) => CancelPostSchema.parse({ idempotencyKey: randomUUID(), reasonId: 'changed_mind', mode: 'instant', ...fields });
const jobsOf = (caseId: string) => queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } });

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN, bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES });
  const gate = createThrottleGate({ maxWaitMs: 0 });
  const cases = createDbCaseStore(database.db, queue);
  const policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
  const orderCancel = createShopifyOrderCancel({ client: client(), gate, pollDelaysMs: [0, 50, 100, 200], wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
  const refunds = createRefunds(createAdminCaller({ client: client(), gate }));
  const executor = KINDS.cancellation.execute({ cases, shopifyReturns: null as never, orderCancel, orderAddress: null as never, refunds, policy, clock: () => new Date() });
  executeNow = (found) => executor.run(asCaseOf(found, 'cancellation'));
  decideDeps = { cases, decisions: null as never, invalidateOrder: () => {}, followUpJobs: () => [], clock: () => new Date() };
  deps = {
    orders: createShopifyOrderSource({ client: client(), gate }), cases, policy, timeZone: 'Europe/Paris',
    hashId: (value) => hashIdentifier('s'.repeat(32), value), helpdesk: true, executeNow: (found) => executeNow(found),
  };
});

afterAll(async () => {
  await queue?.stop();
  await database?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('cancelling an order from the portal', () => {
  it('cancels at once on the request: one Shopify cancellation, the case completed, a safety-net job held back and a ticket sync queued', async () => {
    const shopper = await shopperOf('ready-to-cancel', 0);
    const before = (await cancellations()).length;
    const result = await submitCancellation(deps, shopper, form({}), new Date());
    expect(result).toMatchObject({ ok: true });
    const caseId = (result as { caseId: string }).caseId;
    const found = asCaseOf(await deps.cases.getCase(caseId), 'cancellation');
    expect(found.state).toBe('completed');
    expect(found.details).toMatchObject({ mode: 'instant', clauseId: '8.1', reasonId: 'changed_mind', refund: { method: 'original_payment', releasesHold: false } });
    expect((await deps.cases.listEvents(caseId)).map((e) => e.type)).toEqual(['received', 'shopify.cancel_sent', 'order_cancelled']);
    expect((await cancellations()).length).toBe(before + 1);
    const [job] = await jobsOf(caseId);
    expect(new Date(job!.startAfter).getTime()).toBeGreaterThan(Date.now() + 10_000);
    // The held-back job, once it runs, finds the case done and changes nothing.
    await executeNow(found);
    expect((await cancellations()).length).toBe(before + 1);
    // The page now leads to the case, and a second cancellation finds the first.
    expect(await loadCancelPage(deps, shopper.orderId, new Date())).toEqual({ kind: 'existing', caseId });
    expect(await submitCancellation(deps, shopper, form({}), new Date())).toEqual({ ok: true, caseId });
  });

  it('answers a form sent twice with the same case, and cancels once', async () => {
    const shopper = await shopperOf('ready-to-cancel', 1);
    const sent = form({});
    const [first, second] = await Promise.all([submitCancellation(deps, shopper, sent, new Date()), submitCancellation(deps, shopper, sent, new Date())]);
    expect(first).toEqual(second);
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId)).toHaveLength(1);
  });

  it('refuses an order that shipped since the page was drawn, and one above the value limit posted as "at once"', async () => {
    const shipped = await shopperOf('in-transit');
    expect(await submitCancellation(deps, shipped, form({}), new Date())).toEqual({ ok: false, error: 'notOffered' });
    const dear = await shopperOf('cancel-for-review');
    expect(await submitCancellation(deps, dear, form({}), new Date())).toEqual({ ok: false, error: 'changed' });
    expect(await deps.cases.listCasesForOrder(dear.orderId)).toEqual([]);
  });

  it('opens a request for review, which waits for the team and cancels nothing', async () => {
    const shopper = await shopperOf('cancel-for-review');
    const result = await submitCancellation(deps, shopper, form({ mode: 'review', note: 'Ordered two by mistake' }), new Date());
    const found = asCaseOf(await deps.cases.getCase((result as { caseId: string }).caseId), 'cancellation');
    expect(found.details).toMatchObject({ mode: 'review', note: 'Ordered two by mistake', reviewReasons: [{ key: 'policy:cancellation.review.orderValue' }] });
    await executeNow(found);
    expect((await deps.cases.getCase(found.id))?.state).toBe('needs_review');
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId)).toEqual([]);
    // The agent approves it on the agent page: the case's job is queued with the move, and cancels once.
    expect(await decideReview(decideDeps, found.id, { kind: 'approve' }, 'Inès')).toMatchObject({ status: 'decided', case: { state: 'approved' } });
    expect(await decideReview(decideDeps, found.id, { kind: 'approve' }, 'Inès')).toEqual({ status: 'already_decided' });
    expect((await jobsOf(found.id)).length).toBe(2);
    await executeNow(asCaseOf(await deps.cases.getCase(found.id), 'cancellation'));
    expect((await deps.cases.getCase(found.id))?.state).toBe('completed');
    expect((await deps.cases.listEvents(found.id)).map((e) => [e.type, e.actor])).toContainEqual(['approved_by_store', 'agent']);
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId && made.status === 'SUCCEEDED')).toHaveLength(1);
  });

  it('an outage on the request loses nothing: the case waits in received for its job, which cancels once', async () => {
    const shopper = await shopperOf('ready-to-cancel', 2);
    const run = executeNow;
    // Shopify fails the cancellation itself, after the order was read and the case saved.
    executeNow = async (found) => {
      await control('faults', { mode: 'http500', count: 1 });
      return run(found);
    };
    const result = await submitCancellation(deps, shopper, form({}), new Date()).finally(() => { executeNow = run; });
    const found = asCaseOf(await deps.cases.getCase((result as { caseId: string }).caseId), 'cancellation');
    expect(found.state).toBe('received');
    expect(await jobsOf(found.id)).toHaveLength(1);
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId)).toEqual([]);
    await executeNow(found);
    expect((await deps.cases.getCase(found.id))?.state).toBe('completed');
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId && made.status === 'SUCCEEDED')).toHaveLength(1);
  });

  it('a refusal by Shopify (no refund permission) hands the case to the team with the codes', async () => {
    const shopper = await shopperOf('ready-to-cancel', 3);
    await control('permissions', { refundOrders: false });
    try {
      const result = await submitCancellation(deps, shopper, form({}), new Date());
      const caseId = (result as { caseId: string }).caseId;
      expect((await deps.cases.getCase(caseId))?.state).toBe('needs_review');
      expect((await deps.cases.listEvents(caseId)).at(-1)).toMatchObject({ type: 'store_refused', data: { codes: ['NO_REFUND_PERMISSION'] } });
      // The agent declines it: the case ends there, with the note the shopper reads, and nothing is cancelled.
      const declined = await decideReview(decideDeps, caseId, { kind: 'decline', reason: 'OTHER', note: 'Already packed, sorry.' }, null);
      expect(declined).toMatchObject({ status: 'decided', case: { state: 'declined' } });
      expect((await deps.cases.listEvents(caseId)).at(-1)).toMatchObject({ type: 'declined_by_store', actor: 'agent', data: { declineNote: 'Already packed, sorry.' } });
    } finally {
      await control('permissions', { refundOrders: true });
    }
  });
});

describe('cancelling some items only (the demo policy is `partial`)', () => {
  /** The form as the route reads it: posted fields through conform, numbers coerced. */
  const posted = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries({ idempotencyKey: randomUUID(), reasonId: 'changed_mind', mode: 'instant', ...fields })) data.append(name, value);
    const submission = parseWithZod(data, { schema: CancelPostSchema });
    if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error));
    return submission.value;
  };
  const fresh = async (orderId: string) => {
    deps.orders.invalidate?.(orderId);
    return (await deps.orders.getOrder(orderId))!;
  };

  it('cancels the picked unit by refunding it: the rest of the order stays to ship, a retry refunds nothing twice, and the rest can be cancelled after', async () => {
    // The seed as at start: the tests above cancelled (or tried to cancel) every ready-to-cancel order.
    await control('reset', {});
    const shopper = await shopperOf('ready-to-cancel', 3);
    const before = await fresh(shopper.orderId);
    const line = before.lineItems[0]!;
    expect(line).toMatchObject({ quantity: 2, unfulfilledQuantity: 2 });
    const page = await loadCancelPage(deps, shopper.orderId, new Date());
    expect(page).toMatchObject({ kind: 'page', verdict: { offered: true, partial: true, scope: 'order' } });

    // More units than are left, or none: refused before anything is opened.
    const pick = (units: string) => posted({ 'lines[0].lineItemId': line.id, 'lines[0].units': units });
    expect(await submitCancellation(deps, shopper, pick('3'), new Date())).toEqual({ ok: false, error: 'tooMany' });
    expect(await submitCancellation(deps, shopper, pick('0'), new Date())).toEqual({ ok: false, error: 'nothingChosen' });
    expect((await deps.cases.listCasesForOrder(shopper.orderId)).filter((c) => c.state !== 'declined')).toEqual([]);

    const result = await submitCancellation(deps, shopper, pick('1'), new Date());
    const found = asCaseOf(await deps.cases.getCase((result as { caseId: string }).caseId), 'cancellation');
    expect(found.details).toMatchObject({ scope: 'items', lines: [{ lineItemId: line.id, quantity: 1 }], refund: { amount: { amount: '45.00', currencyCode: 'EUR' } } });
    expect(line.paidUnitPrice?.amount).toMatch(/^45\.00?$/);
    expect(found.state).toBe('completed');
    const done = (await deps.cases.listEvents(found.id)).find((e) => e.type === 'items_cancelled');
    expect(done?.data).toMatchObject({ refund: expect.stringMatching(/^45\.00? EUR$/), already: false });
    const after = await fresh(shopper.orderId);
    expect(after.cancelledAt).toBeNull();
    expect(after.lineItems[0]).toMatchObject({ currentQuantity: 1, unfulfilledQuantity: 1 });
    expect(Number(after.netPayment!.amount)).toBeCloseTo(Number(before.netPayment!.amount) - Number(line.paidUnitPrice!.amount), 2);
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId)).toEqual([]);

    // A job re-run with the case as it was before (its answer lost): Shopify's refund is found, not made again.
    await executeNow({ ...found, state: 'received' });
    expect((await fresh(shopper.orderId)).netPayment).toEqual(after.netPayment);

    // What is left can be cancelled in turn: now the whole order, through orderCancel.
    const rest = await loadCancelPage(deps, shopper.orderId, new Date());
    expect(rest).toMatchObject({ kind: 'page', verdict: { offered: true, partial: false, lines: [{ lineItemId: line.id, units: 1 }] } });
    const second = await submitCancellation(deps, shopper, form({}), new Date());
    expect(asCaseOf(await deps.cases.getCase((second as { caseId: string }).caseId), 'cancellation')).toMatchObject({ state: 'completed', details: { scope: 'order' } });
    expect((await fresh(shopper.orderId)).cancelledAt).not.toBeNull();
  });

});

describe('a double tap to two portal processes', () => {
  it('the half that reads the order after the other cancelled it lands on that case, not on "can no longer be cancelled"', async () => {
    await control('reset', {});
    const shopper = await shopperOf('unfulfilled');
    const key = randomUUID();
    // The second process's read of the order waits until the first has cancelled it, as when the
    // two requests interleave; everything else is the same store and the same Shopify.
    let firstDone: () => void = () => {};
    const cancelledByFirst = new Promise<void>((resolve) => (firstDone = resolve));
    const readsLate: CancelDeps = {
      ...deps,
      orders: { getOrder: async (id) => { await cancelledByFirst; return deps.orders.getOrder(id); }, invalidate: (id) => deps.orders.invalidate?.(id) },
    };
    const second = submitCancellation(readsLate, shopper, form({ idempotencyKey: key }), new Date());
    const first = await submitCancellation(deps, shopper, form({ idempotencyKey: key }), new Date());
    firstDone();
    expect(first).toMatchObject({ ok: true });
    expect(await second).toEqual(first);
    expect((await cancellations()).filter((made) => made.orderId === shopper.orderId && made.status === 'SUCCEEDED')).toHaveLength(1);
  });
});
