import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asCaseOf } from '~/cases/case-kind-guards';
import type { CaseStore } from '~/cases/case-store';
import { decideReview } from '~/cases/decide-review.server';
import type { ExecuteDeps } from '~/cases/kind';
import { KINDS } from '~/cases/kinds';
import type { ProblemDetails } from '~/cases/problem/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createAdminCaller } from '~/integrations/shopify/admin-caller.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createRefunds } from '~/integrations/shopify/refunds.server';
import { createReships } from '~/integrations/shopify/reships.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * A problem report's offer carried out in Shopify by its executor, with the real adapters against
 * the emulator and cases in PGlite: a refund, store credit and a replacement, each made once; a
 * retry after an outage or a lost answer that does not make it twice; a review approved on the
 * agent page, then carried out; a refusal handed to the team.
 */
const TOKEN = 'shpat_problemexecute';
const QUEUES: Record<string, QueueSettings> = { [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false } };
const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

let server: Server;
let baseUrl: string;
let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let deps: ExecuteDeps;
let demo: { name: string; email: string }[];

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}/__sandbox/shopify/${path}`, init)).json();
};
const client = () => createShopifyGraphqlClient({ shopDomain: 'problem-execute.myshopify.com', auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const refunds = async () => (await control('refunds')).refunds as { orderId: string; note: string; amount: string; gateways: string[] }[];
const drafts = async () => (await control('draft-orders')).draftOrders as { tags: string[]; order: { name: string } | null }[];

async function orderOf(name: string): Promise<Order> {
  const entry = demo.find((order) => order.name === name)!;
  const source = createShopifyOrderSource({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
  return (await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
}

/** A report on the order's first line, with the policy's offer as given. */
async function openReport(order: Order, offer: Partial<ProblemDetails['offer']>) {
  const line = order.lineItems[0]!;
  const opened = await cases.openCase({
    kind: 'problem', orderId: order.id, orderName: order.name, language: 'en', policyVersion: 'test', customerEmailHash: 'h',
    details: {
      type: 'damaged', parcel: { id: 'gid://shopify/Fulfillment/1', carrier: null, trackingNumber: null, trackingUrl: null, status: 'delivered' },
      lines: [{ lineItemId: line.id, title: line.title, variantTitle: line.variantTitle, quantity: 1 }], description: null, photoIds: [],
      offer: { outcome: 'refund', amount: eur('20.00'), value: eur('20.00'), clauseId: '10.5', reviewReasons: [], ...offer },
    },
  }, randomUUID(), new Date());
  if (opened.status !== 'opened') throw new Error(opened.status);
  return opened.case;
}
const executor = () => KINDS.problem.execute(deps);
const current = async (id: string) => asCaseOf(await cases.getCase(id), 'problem');
const run = async (id: string) => executor().run(await current(id));
const eventsOf = async (id: string) => (await cases.listEvents(id)).map((event) => [event.type, event.data] as const);

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES });
  cases = createDbCaseStore(database.db, queue);
  const call = createAdminCaller({ client: client(), gate: createThrottleGate({ maxWaitMs: 0 }) });
  deps = {
    cases, shopifyReturns: null as never, orderCancel: null as never, orderAddress: null as never, policy: { reasons: [] },
    refunds: createRefunds(call), reships: createReships(call), clock: () => new Date(),
  };
});
afterAll(async () => {
  await queue.stop();
  await database.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  await control('reset', {});
});

describe('a problem report’s offer, carried out in Shopify', () => {
  it('refunds the offer’s amount to the original payment once, then completes with the refund named', async () => {
    const order = await orderOf('#1005');
    const found = await openReport(order, {});
    await run(found.id);
    expect((await current(found.id)).state).toBe('completed');
    expect(await refunds()).toEqual([expect.objectContaining({ orderId: order.id, amount: '20.0', gateways: ['shopify_payments'], note: `Comptoir ${found.id}: problem report (damaged), clause 10.5` })]);
    expect(await eventsOf(found.id)).toEqual(expect.arrayContaining([
      ['offer_approved', expect.objectContaining({ outcome: 'refund', amount: '20.00 EUR' })],
      ['offer_carried_out', expect.objectContaining({ outcome: 'refund', amount: '20.00 EUR', refundId: expect.stringMatching(/^gid:\/\/shopify\/Refund\//), already: false })],
    ]));
    // A re-driven job with the case as it was first read: nothing moves, nothing is refunded again.
    await executor().run(found as never);
    await run(found.id);
    expect(await refunds()).toHaveLength(1);
    const view = KINDS.problem.shopperView(await current(found.id), { declined: false, events: await cases.listEvents(found.id), returnAddress: null, clauseTitle: () => null });
    expect(view).toMatchObject({ progress: 'done', carriedOut: { outcome: 'refund', amount: eur('20.00'), orderName: null } });
  });

  it('issues store credit as a refund to store credit', async () => {
    const found = await openReport(await orderOf('#1005'), { outcome: 'store_credit' });
    await run(found.id);
    expect((await current(found.id)).state).toBe('completed');
    expect(await refunds()).toEqual([expect.objectContaining({ gateways: ['shopify_store_credit'], amount: '20.0' })]);
  });

  it('sends a free replacement order tagged with the case, and names it', async () => {
    const found = await openReport(await orderOf('#1005'), { outcome: 'reship', amount: null });
    await run(found.id);
    expect((await current(found.id)).state).toBe('completed');
    expect(await drafts()).toEqual([expect.objectContaining({ tags: ['comptoir', found.id], order: expect.objectContaining({ name: '#1048' }) })]);
    expect(await eventsOf(found.id)).toContainEqual(['offer_carried_out', expect.objectContaining({ outcome: 'reship', orderName: '#1048' })]);
    const view = KINDS.problem.shopperView(await current(found.id), { declined: false, events: await cases.listEvents(found.id), returnAddress: null, clauseTitle: () => null });
    expect(view.carriedOut).toEqual({ outcome: 'reship', amount: null, orderName: '#1048' });
  });

  it('retries after an outage and after a lost answer without refunding twice', async () => {
    const order = await orderOf('#1005');
    const found = await openReport(order, {});
    await control('faults', { mode: 'http500', count: 5 });
    const error = await run(found.id).catch((e: unknown) => e);
    expect(isUpstreamError(error) && error.retryable).toBe(true);
    expect((await current(found.id)).state).toBe('approved');
    await control('faults', { mode: 'none' });
    // The refund went through but its answer was lost: Shopify has it, the case does not know.
    await deps.refunds!.refund({ orderId: order.id, lines: [], amount: eur('20.00'), method: 'original_payment', note: `Comptoir ${found.id}: problem report (damaged), clause 10.5`, notify: true });
    await run(found.id);
    expect((await current(found.id)).state).toBe('completed');
    expect(await refunds()).toHaveLength(1);
    expect(await eventsOf(found.id)).toContainEqual(['offer_carried_out', expect.objectContaining({ already: true })]);
  });

  it('a review waits for the team; approved on the agent page, the rule’s own offer is carried out', async () => {
    const found = await openReport(await orderOf('#1005'), {
      outcome: 'review', amount: null, reviewReasons: [{ key: 'policy:problems.review.valueAboveLimit', clauseId: '10.5', facts: {} }], onApproval: { outcome: 'refund', amount: eur('20.00') },
    });
    await run(found.id);
    expect((await current(found.id)).state).toBe('needs_review');
    expect(await refunds()).toEqual([]);
    const decided = await decideReview({ cases, decisions: null as never, invalidateOrder: () => {}, followUpJobs: () => [], clock: () => new Date() }, found.id, { kind: 'approve' }, 'Léa');
    expect(decided).toMatchObject({ status: 'decided', case: { state: 'approved' } });
    // The approval queues the executor's job in the same write; here the test runs it.
    expect(await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId: found.id } })).toHaveLength(1);
    await run(found.id);
    expect((await current(found.id)).state).toBe('completed');
    expect(await refunds()).toEqual([expect.objectContaining({ amount: '20.0' })]);
  });

  it('a refusal goes to the team with Shopify’s reason, and nothing is refunded', async () => {
    const found = await openReport(await orderOf('#1005'), { amount: eur('99999.00') });
    await run(found.id);
    expect((await current(found.id)).state).toBe('needs_review');
    expect(await eventsOf(found.id)).toContainEqual(['store_refused', expect.objectContaining({ outcome: 'refund', codes: ['ABOVE_REFUNDABLE'] })]);
    expect(await refunds()).toEqual([]);
  });
});
