import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case, CaseStore } from '~/cases/case-store';
import type { CaseExchange, CaseLine } from '~/cases/return/details';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import type { ShopifyReturns } from '~/cases/ports';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { parseEnv } from '~/env.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { LEGACY_SHOPIFY_SUBMIT_RETURN, SHOPIFY_EXECUTE_CASE, LABELS_REQUEST_LABEL, type QueueSettings } from '~/jobs/job-names';
import { listParked, redriveParked } from '~/jobs/parking.server';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { createExecuteCaseHandler } from '~/jobs/execute-case.server';
import { createReleaseExchangeHandler } from '~/jobs/release-exchange.server';
import { registerWorkers } from '~/jobs/workers.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import type { ReturnContext } from '~/policy/return-context';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { UpstreamError } from '~/utils/upstream-error';

/**
 * The Shopify submission worker end to end: PGlite in memory, pg-boss on it with one-second
 * retries, the real returns adapter, and the Shopify emulator over HTTP.
 */
const SHOP = 'submit-test.myshopify.com';
const TOKEN = 'shpat_submittest';
const RETRY_LIMIT = 6;
const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: RETRY_LIMIT, retryDelay: 1, retryBackoff: false },
  [LEGACY_SHOPIFY_SUBMIT_RETURN]: { policy: 'exclusive', retryLimit: RETRY_LIMIT, retryDelay: 1, retryBackoff: false },
  // Approved cases queue their label request; no label worker runs here.
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
};

let server: Server;
let baseUrl: string;
let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let policy: Policy;
/** Swapped by a test to put a fake in front of the real adapter; reset before each test. */
let adapter: ShopifyReturns;
/** The delivered demo order's returnable lines, read once: a reset emulator keeps its ids. */
let context: ReturnContext;

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}/__sandbox/shopify/${path}`, init)).json() as Promise<any>;
};
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
const realReturns = () => createShopifyReturns({ client: client() });
/** Delegates to whatever `adapter` is now, so the registered worker sees a test's fake. */
const shopifyReturns: ShopifyReturns = {
  getReturnContext: (orderId) => adapter.getReturnContext(orderId),
  requestReturn: (input) => adapter.requestReturn(input),
  createReturn: (input) => adapter.createReturn(input),
  listReturnReasons: () => adapter.listReturnReasons(),
  findReturnsForCase: (orderId, caseId) => adapter.findReturnsForCase(orderId, caseId),
  sendOrderInvoice: (orderId) => adapter.sendOrderInvoice(orderId),
  releaseExchange: (returnId) => adapter.releaseExchange(returnId),
};
/** The real adapter, except that the first return Shopify creates comes back as a lost answer (NETWORK). */
function losingFirstCreateAnswer(): ShopifyReturns {
  const real = realReturns();
  let lost = false;
  return {
    ...real,
    async createReturn(input) {
      const result = await real.createReturn(input);
      if (lost) return result;
      lost = true;
      throw new UpstreamError({ service: 'shopify', status: null, code: 'NETWORK', retryable: true });
    },
  };
}
const shopifyReturnsMade = async () => (await control('returns')).returns as any[];

async function deliveredOrderLines() {
  const demo = (await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: any[] };
  const entry = demo.orders.find((o) => o.scenario === 'delivered-recently');
  const order = await createShopifyOrderSource({ client: client() }).findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email });
  return (await realReturns().getReturnContext(order!.id))!;
}

/** A case on the delivered demo order with these decisions, lines in order; no Shopify call. */
async function openCase(decisions: CaseLine['decision'][], options: { enqueue: boolean; quantity?: number; exchange?: CaseExchange } = { enqueue: true }): Promise<Case> {
  const lines = decisions.map((decision, i): CaseLine => ({
    fulfillmentLineItemId: context.lines[i]!.fulfillmentLineItemId, lineItemId: context.lines[i]!.lineItemId, title: context.lines[i]!.title,
    quantity: options.quantity ?? 1, reasonId: i === 0 ? 'size-too-small' : 'defective', note: i === 0 ? 'Trop serré' : null,
    outcome: i === 0 && options.exchange ? 'exchange' : 'refund', photoIds: [], decision, clauseIds: ['5.1'],
    ...(i === 0 && options.exchange ? { exchange: options.exchange } : {}),
  }));
  const money = { amount: '10.00', currencyCode: 'EUR' };
  const result = await cases.openCase({
    kind: 'return', orderId: context.orderId, orderName: context.orderName, customerEmailHash: randomUUID(), language: 'fr', policyVersion: policy.version,
    details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: money, estimatedRefund: money } },
  }, randomUUID(), new Date(), options.enqueue ? (opened) => [{ name: SHOPIFY_EXECUTE_CASE, data: { caseId: opened.id } }] : undefined);
  if (result.status !== 'opened') throw new Error('case not opened');
  return result.case;
}

async function settled(caseId: string, timeoutMs = 90_000): Promise<Case> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await cases.getCase(caseId))!;
    const [job] = await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } });
    if (job?.state === 'completed' && found.state !== 'received') return found;
    if (Date.now() > deadline) throw new Error(`case ${caseId} still ${found.state}, job ${job?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const eventTypes = async (caseId: string) => (await cases.listEvents(caseId)).map((e) => e.type);
const jobOf = async (caseId: string) => (await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } }))[0]!;
const directHandler = (store: CaseStore) => createExecuteCaseHandler({ cases: store, shopifyReturns, orderCancel: null as never, orderAddress: null as never, policy, clock: () => new Date(), retryLimit: RETRY_LIMIT });
const attempt = (retryCount: number) => ({ id: randomUUID(), name: SHOPIFY_EXECUTE_CASE, retryCount, signal: new AbortController().signal });

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
  context = await deliveredOrderLines();
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
  cases = createDbCaseStore(database.db, queue);
  const config = parseEnv({});
  await registerWorkers(queue, createJobHandlers({ config, cases, policy, shopifyReturns, orderCancel: null as never, orderAddress: null as never, clock: () => new Date(), queues: QUEUES }));
});

afterAll(async () => {
  await queue?.stop();
  await database?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  adapter = realReturns();
  await control('reset', {});
});

describe('Shopify submission worker', () => {
  it('opens an OPEN return for approved lines and a REQUESTED one for review, then awaits review', async () => {
    const opened = await openCase(['approved', 'needs_review']);
    const done = await settled(opened.id);
    expect(done.state).toBe('needs_review');
    const made = await shopifyReturnsMade();
    expect(made.map((r) => [r.via, r.status])).toEqual([['returnCreate', 'OPEN'], ['returnRequest', 'REQUESTED']]);
    expect(made[0].lines).toEqual([expect.objectContaining({ reason: 'size-too-small', returnReasonNote: `[${opened.id}] Trop serré` })]);
    expect(made[1].lines).toEqual([expect.objectContaining({ reason: 'defective', customerNote: `[${opened.id}]` })]);
    expect(done.providerRefs.shopifyReturnId).toBe(made[0].id);
    expect(await eventTypes(opened.id)).toEqual(['received', 'shopify.returns_opened', 'submitted_to_store', 'awaiting_review']);
    const events = await cases.listEvents(opened.id);
    expect(events.map((e) => e.actor)).toEqual(['shopper', 'system', 'system', 'system']);
  });

  // A database kept across the upgrade may hold a job an older release queued under the old name.
  it('still carries out a return queued under the former job name', async () => {
    const opened = await openCase(['approved'], { enqueue: false });
    await queue.send(LEGACY_SHOPIFY_SUBMIT_RETURN, { caseId: opened.id }, { singletonKey: `${opened.id}:${LEGACY_SHOPIFY_SUBMIT_RETURN}` });
    const deadline = Date.now() + 60_000;
    while ((await cases.getCase(opened.id))!.state !== 'approved' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await cases.getCase(opened.id))!.state).toBe('approved');
    expect((await shopifyReturnsMade()).map((r) => [r.status, r.lines.length])).toEqual([['OPEN', 1]]);
  });

  it('approves a case whose lines were all auto-approved', async () => {
    const opened = await openCase(['approved', 'approved']);
    expect((await settled(opened.id)).state).toBe('approved');
    expect((await shopifyReturnsMade()).map((r) => [r.status, r.lines.length])).toEqual([['OPEN', 2]]);
    expect((await cases.listEvents(opened.id)).at(-1)).toMatchObject({ type: 'approved_by_store', actor: 'store' });
  });

  it.each(['http500', 'throttled'])('rides out a Shopify outage (%s): retried, one return per submission', async (mode) => {
    await control('faults', { mode, count: 2 });
    const opened = await openCase(['approved', 'needs_review']);
    // THROTTLED asks for a few seconds (Retry-After), which each retry now waits out.
    expect((await settled(opened.id)).state).toBe('needs_review');
    expect((await jobOf(opened.id)).retryCount).toBeGreaterThanOrEqual(1);
    expect((await shopifyReturnsMade()).map((r) => r.status)).toEqual(['OPEN', 'REQUESTED']);
  }, 120_000);

  it('does not open a return twice when Shopify made it but the answer was lost', async () => {
    adapter = losingFirstCreateAnswer();
    const opened = await openCase(['approved', 'needs_review']);
    expect((await settled(opened.id)).state).toBe('needs_review');
    expect((await jobOf(opened.id)).retryCount).toBe(1);
    expect((await shopifyReturnsMade()).map((r) => r.status)).toEqual(['OPEN', 'REQUESTED']);
  });

  it('opens an exchange with its new item, taken out of stock once, even when the first answer was lost', async () => {
    const catalog = createShopifyCatalogSource({ client: client() });
    const stockOf = async (variantTitle: string) => {
      const { product } = await catalog.exchangeCatalog({ id: context.lines[0]!.productId!, productType: null }, 'none', { fresh: true });
      return product!.variants.find((variant) => variant.title === variantTitle)!;
    };
    const wanted = await stockOf('M / Red');
    adapter = losingFirstCreateAnswer();
    const exchange: CaseExchange = {
      productId: context.lines[0]!.productId!, variantId: wanted.id, productTitle: 'Marinière Saint-Malo', variantTitle: 'M / Red',
      unitPrice: { amount: '45.00', currencyCode: 'EUR' }, settle: 'none', difference: { amount: '0.00', currencyCode: 'EUR' },
      stockLeft: wanted.available, ships: 'now', clauseId: '5.5',
    };
    const opened = await openCase(['approved'], { enqueue: true, exchange });
    expect((await settled(opened.id)).state).toBe('approved');
    expect((await jobOf(opened.id)).retryCount).toBe(1);
    // An instant exchange: its new item is released to ship (processed) at once, the return still open.
    expect((await shopifyReturnsMade()).map((r) => [r.status, r.exchangeLines])).toEqual([['OPEN', [{ variantId: wanted.id, sku: 'MAR-RED-M', quantity: 1, processedQuantity: 1 }]]]);
    expect((await stockOf('M / Red')).available).toBe(wanted.available! - 1);
    expect((await eventTypes(opened.id)).filter((type) => type.startsWith('exchange_'))).toEqual(['exchange_released']);
  });

  it('an exchange that ships once the return is on its way waits, and is released by its job — once, however often the job runs', async () => {
    const catalog = createShopifyCatalogSource({ client: client() });
    const { product } = await catalog.exchangeCatalog({ id: context.lines[0]!.productId!, productType: null }, 'none', { fresh: true });
    const wanted = product!.variants.find((variant) => variant.title === 'S / Red')!;
    const exchange: CaseExchange = {
      productId: context.lines[0]!.productId!, variantId: wanted.id, productTitle: 'Marinière Saint-Malo', variantTitle: 'S / Red',
      unitPrice: wanted.price, settle: 'none', difference: { amount: '0.00', currencyCode: 'EUR' }, stockLeft: wanted.available, ships: 'in_transit', clauseId: '5.5',
    };
    const opened = await openCase(['approved'], { enqueue: true, exchange });
    expect((await settled(opened.id)).state).toBe('approved');
    const processed = async () => (await shopifyReturnsMade())[0]!.exchangeLines.map((line: { processedQuantity: number }) => line.processedQuantity);
    expect(await processed()).toEqual([0]);
    expect(await eventTypes(opened.id)).not.toContain('exchange_released');
    const release = createReleaseExchangeHandler({ cases, shopifyReturns: realReturns(), clock: () => new Date(), retryLimit: 3 });
    await release({ caseId: opened.id }, attempt(0));
    await release({ caseId: opened.id }, attempt(0));
    expect(await processed()).toEqual([1]);
    expect((await eventTypes(opened.id)).filter((type) => type === 'exchange_released')).toHaveLength(1);
  });

  it('a dearer exchange leaves €4 due on the order, and Shopify emails one invoice for it even when the job runs again', async () => {
    const catalog = createShopifyCatalogSource({ client: client() });
    const polo = (await catalog.exchangeCatalog({ id: context.lines[0]!.productId!, productType: 'Tops' }, 'product-type', { fresh: true })).others
      .find((product) => product.title === 'Polo Marin')!.variants.find((variant) => variant.title === 'M / Navy')!;
    const exchange: CaseExchange = {
      productId: 'gid://shopify/Product/polo', variantId: polo.id, productTitle: 'Polo Marin', variantTitle: 'M / Navy',
      unitPrice: polo.price, settle: 'invoice', difference: { amount: '4.00', currencyCode: 'EUR' }, stockLeft: polo.available, ships: 'now', clauseId: '5.5',
    };
    // The database fails as the case is about to be approved, after the invoice went: the retry sends no second one.
    let failed = false;
    const flaky: CaseStore = {
      ...cases,
      async advance(...args) {
        if (failed) return cases.advance(...args);
        failed = true;
        throw new Error('connection lost');
      },
    };
    const opened = await openCase(['approved'], { enqueue: false, exchange });
    const handler = directHandler(flaky);
    await expect(handler({ caseId: opened.id }, attempt(0))).rejects.toThrow('connection lost');
    await handler({ caseId: opened.id }, attempt(1));
    expect((await cases.getCase(opened.id))!.state).toBe('approved');
    const invoices = async () => ((await (await fetch(`${baseUrl}/__sandbox/shopify/invoices`)).json()) as { invoices: any[] }).invoices;
    expect(await invoices()).toEqual([expect.objectContaining({ orderId: context.orderId, amount: '4.00', currencyCode: 'EUR' })]);
    expect((await eventTypes(opened.id)).filter((type) => type === 'exchange_invoice_sent')).toHaveLength(1);
  });

  it('does not open a return twice when the database failed after Shopify succeeded', async () => {
    let failed = false;
    const flaky: CaseStore = {
      ...cases,
      async recordProviderRefs(...args) {
        if (failed) return cases.recordProviderRefs(...args);
        failed = true;
        throw new Error('connection lost');
      },
    };
    const opened = await openCase(['approved', 'needs_review'], { enqueue: false });
    const handler = directHandler(flaky);
    await expect(handler({ caseId: opened.id }, attempt(0))).rejects.toThrow('connection lost');
    await handler({ caseId: opened.id }, attempt(1));
    const mutations = async () => (await control('stats')).operations as Record<string, number>;
    const before = await mutations();
    await handler({ caseId: opened.id }, attempt(2));
    expect(await mutations()).toEqual(before);
    expect((await cases.getCase(opened.id))!.state).toBe('needs_review');
    expect(before).toMatchObject({ ComptoirReturnCreate: 1, ComptoirReturnRequest: 1 });
    expect((await shopifyReturnsMade()).length).toBe(2);
    expect(await eventTypes(opened.id)).toEqual(['received', 'shopify.returns_opened', 'submitted_to_store', 'awaiting_review']);
  });

  it("sends Shopify's refusal to review with its codes, without retrying", async () => {
    const opened = await openCase(['approved'], { enqueue: true, quantity: 5 });
    expect((await settled(opened.id)).state).toBe('needs_review');
    expect((await jobOf(opened.id)).retryCount).toBe(0);
    expect(await shopifyReturnsMade()).toEqual([]);
    expect((await cases.listEvents(opened.id)).at(-1)).toMatchObject({ type: 'store_refused', actor: 'store', data: { codes: ['TOO_BIG'] } });
  });

  it('hands the case to an agent and parks the job when the last attempt fails too', async () => {
    const opened = await openCase(['approved'], { enqueue: false });
    await control('faults', { mode: 'http500', count: 5 });
    expect(await directHandler(cases)({ caseId: opened.id }, attempt(RETRY_LIMIT))).toEqual({ park: { code: 'HTTP_500', status: 500 } });
    expect((await cases.getCase(opened.id))!.state).toBe('needs_review');
    expect((await cases.listEvents(opened.id)).at(-1)).toMatchObject({ type: 'store_unreachable', data: { code: 'HTTP_500' } });
  });

  it('re-driven after the outage, a parked submission opens the return and approves the case once', async () => {
    await control('faults', { mode: 'http500', count: 1000 });
    const opened = await openCase(['approved']);
    const [parked] = await waitForParked(opened.id);
    expect(parked).toMatchObject({ queue: SHOPIFY_EXECUTE_CASE, code: 'HTTP_500', attempts: RETRY_LIMIT + 1 });
    expect((await cases.getCase(opened.id))!.state).toBe('needs_review');
    await control('faults', { mode: 'none' });
    expect(await redriveParked(queue, { id: parked!.id })).toEqual({ redriven: 1, alreadyQueued: 0 });
    expect(await redriveParked(queue, { id: parked!.id })).toEqual({ redriven: 0, alreadyQueued: 0 });
    const done = await waitForCase(opened.id, (found) => found.state === 'approved');
    expect(done.providerRefs.shopifyReturnId).toBe((await shopifyReturnsMade())[0].id);
    expect((await shopifyReturnsMade()).map((r) => r.status)).toEqual(['OPEN']);
    expect(await eventTypes(opened.id)).toEqual(['received', 'store_unreachable', 'shopify.returns_opened', 'approved_by_store']);
    // Once decided, another re-drive of the same case changes nothing.
    await directHandler(cases)({ caseId: opened.id }, attempt(0));
    expect(await eventTypes(opened.id)).toHaveLength(4);
  }, 120_000);
});

async function waitForParked(caseId: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const parked = (await listParked(queue)).filter((job) => job.caseId === caseId);
    if (parked.length > 0) return parked;
    if (Date.now() > deadline) throw new Error(`case ${caseId} never parked`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForCase(caseId: string, done: (found: Case) => boolean): Promise<Case> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const found = (await cases.getCase(caseId))!;
    if (done(found)) return found;
    if (Date.now() > deadline) throw new Error(`case ${caseId} still ${found.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
