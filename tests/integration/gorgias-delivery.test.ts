import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case, CaseStore } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { parseEnv } from '~/env.server';
import { parseNoteEventIds } from '~/helpdesk/note-batches';
import { syncCaseToHelpdesk, type SyncCaseDeps } from '~/helpdesk/sync-case.server';
import { createGorgiasClient } from '~/integrations/gorgias/client.server';
import { createGorgiasHelpdesk } from '~/integrations/gorgias/helpdesk.server';
import type { Helpdesk } from '~/helpdesk/ports';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createGorgiasSyncHandler } from '~/jobs/gorgias-sync.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { GORGIAS_SYNC_CASE, SHOPIFY_EXECUTE_CASE, toGorgiasSyncKey, LABELS_REQUEST_LABEL, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import { parseOrderNumber } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import { makePng } from '~/photos/photo-fixtures.test-helpers';
import type { PhotoStore, StoredPhoto } from '~/photos/photo-store';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import { createTestClock, SANDBOX_ACCOUNT, startGorgiasEmulator, type RunningGorgiasEmulator } from '~/sandbox/gorgias/emulator-harness.test-helpers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError, UpstreamError } from '~/utils/upstream-error';
import { readAgentLinkToken } from '~/session/agent-link.server';
import { createPostgresDatabase } from './support/postgres';
import { runWorkerKillScenario } from './support/worker-kill';

/**
 * Gorgias delivery end to end: PGlite in memory, the real Gorgias client against the Gorgias
 * emulator over HTTP, orders from the Shopify emulator. "Exactly one ticket per case and one note
 * per event" is asserted on the emulator's state, not on what our code believes it sent.
 */
const SHOP = 'gorgias-test.myshopify.com';
const TOKEN = 'shpat_gorgiastest';
const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 20, retryDelay: 1, retryBackoff: false },
  [GORGIAS_SYNC_CASE]: { policy: 'stately', retryLimit: 40, retryDelay: 1, retryBackoff: false },
  // Approved cases queue their label request; no label worker runs here.
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
};

let shopify: Server;
let shopifyUrl: string;
let gorgiasEmulator: RunningGorgiasEmulator;
const time = createTestClock('2026-03-01T10:00:00Z');
let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let policy: Policy;
let order: Order;
let helpdesk: Helpdesk;
let deps: SyncCaseDeps;
const stored = new Map<string, StoredPhoto>();
const photos: Pick<PhotoStore, 'put' | 'get' | 'delete'> = {
  put: async (bytes, contentType) => { const key = randomUUID().replaceAll('-', ''); stored.set(key, { bytes, contentType }); return { key }; },
  get: async (key) => stored.get(key) ?? null,
  delete: async (key) => void stored.delete(key),
};

const state = async () => (await gorgiasEmulator.control('state')).body as { tickets: any[]; customers: any[]; files: any[] };
const ticketsOf = async (caseId: string) => (await state()).tickets.filter((t) => t.external_id === caseId);
const notesOf = (ticket: any) => (ticket.messages as any[]).filter((m) => m.channel === 'internal-note');
const notedEvents = async (caseId: string) => (await cases.listEvents(caseId)).filter((e) => !e.type.startsWith('gorgias.') && !e.type.startsWith('helpdesk_'));
/** The event ids the ticket's notes tell, once per telling: sorted, so a repeat shows as a duplicate. */
const toldEvents = (caseId: string, ticket: any) => notesOf(ticket).flatMap((n) => parseNoteEventIds(caseId, n.external_id) ?? []).sort((a, b) => a - b);
const idsOf = (events: { id: number }[]) => events.map((e) => e.id).sort((a, b) => a - b);

async function openCase(options: { photo?: boolean; enqueue?: boolean; fulfillmentLineItemId?: string } = {}): Promise<Case> {
  const item = order.lineItems[0]!;
  const photoIds = options.photo ? [(await photos.put(makePng(), 'image/png')).key] : [];
  const line: CaseLine = {
    fulfillmentLineItemId: options.fulfillmentLineItemId ?? `gid://shopify/FulfillmentLineItem/${randomUUID()}`, lineItemId: item.id, title: item.title, quantity: 1,
    reasonId: 'size-too-small', note: 'Trop serré', outcome: 'refund', photoIds, decision: 'approved', clauseIds: ['5.1'],
  };
  const result = await cases.openCase({
    kind: 'return', orderId: order.id, orderName: order.name, customerEmailHash: randomUUID(), language: 'fr', policyVersion: policy.version,
    details: { lines: [line], refundMethod: 'original_payment', totals: { itemsSubtotal: { amount: '49.00', currencyCode: 'EUR' }, fees: { amount: '4.00', currencyCode: 'EUR' }, estimatedRefund: { amount: '45.00', currencyCode: 'EUR' } } },
  }, randomUUID(), time.clock(), options.enqueue ? (opened) => [{ name: GORGIAS_SYNC_CASE, data: { caseId: opened.id }, singletonKey: toGorgiasSyncKey(opened.id) }] : undefined);
  if (result.status !== 'opened') throw new Error('case not opened');
  return result.case;
}

/** Why syncs were retried in the current matrix row, by error code, for the printed counts. */
const retryCauses = new Map<string, number>();

/** What pg-boss does, without its delays: retry each case's sync until it goes through. */
async function drain(caseIds: string[], onRetry: () => void = () => {}) {
  let attempts = 0;
  for (const caseId of caseIds) {
    for (;;) {
      attempts += 1;
      if (attempts > 2000) throw new Error('never drained');
      try {
        await syncCaseToHelpdesk(deps, caseId);
        break;
      } catch (error) {
        if (!isUpstreamError(error) || !error.retryable) throw error;
        retryCauses.set(error.code, (retryCauses.get(error.code) ?? 0) + 1);
        onRetry();
      }
    }
  }
  return attempts;
}

/** `count` cases, the first few also submitted to the store: 1 or 2 noted events each. */
async function openMatrixCases(count: number): Promise<Case[]> {
  const opened = await Promise.all(Array.from({ length: count }, () => openCase()));
  for (const found of opened.slice(0, Math.ceil(count / 2))) {
    await cases.transition(found.id, 'received', 'submitted_to_store', { at: time.clock(), type: 'submitted_to_store', actor: 'system', data: {} });
  }
  return opened;
}

/** Asserted on the emulator's state (every event told by exactly one note); prints the counts for the report. */
async function expectOneTicketEachEventNotedOnce(opened: Case[], fault: string, attempts: number) {
  let notes = 0;
  for (const found of opened) {
    const tickets = await ticketsOf(found.id);
    expect(tickets).toHaveLength(1);
    const ids = notesOf(tickets[0]).map((n) => n.external_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(toldEvents(found.id, tickets[0])).toEqual(idsOf(await notedEvents(found.id)));
    notes += ids.length;
  }
  const causes = [...retryCauses].map(([code, count]) => `${code}×${count}`).join(', ') || 'none';
  console.info(`gorgias fault matrix [${fault}]: ${opened.length} cases, ${opened.length} tickets, ${notes} notes, ${attempts} sync attempts (retried on: ${causes})`);
}

beforeAll(async () => {
  shopify = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => shopify.listen(0, '127.0.0.1', resolve));
  shopifyUrl = `http://127.0.0.1:${(shopify.address() as AddressInfo).port}`;
  const client = createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: shopifyUrl });
  const orders = createShopifyOrderSource({ client });
  const demo = (await (await fetch(`${shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: any[] };
  const entry = demo.orders.find((o) => o.scenario === 'delivered-recently');
  order = (await orders.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
  gorgiasEmulator = await startGorgiasEmulator({ clock: time.clock, bucket: { capacity: 1000, windowSeconds: 1 } });
  helpdesk = createGorgiasHelpdesk(createGorgiasClient({ baseUrl: gorgiasEmulator.url, email: SANDBOX_ACCOUNT.email, apiKey: SANDBOX_ACCOUNT.apiKey }));
  policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
  cases = createDbCaseStore(database.db, queue);
  const config = { ...parseEnv({}), publicUrl: 'https://portal.example', shopify: { ...parseEnv({}).shopify, shopDomain: SHOP } };
  deps = { cases, helpdesk, orders, photos, policy, config, clock: time.clock };
  const shopifyReturns = createShopifyReturns({ client });
  await registerWorkers(queue, createJobHandlers({ config, cases, policy, shopifyReturns, orderCancel: null as never, orderAddress: null as never, clock: time.clock, helpdesk, orders, photos, queue, queues: QUEUES }));
});

afterAll(async () => {
  await queue?.stop();
  await database?.close();
  await gorgiasEmulator?.close();
  await new Promise<void>((resolve) => shopify.close(() => resolve()));
});

beforeEach(async () => {
  retryCauses.clear();
  await gorgiasEmulator.control('reset', {});
  time.advance(60_000);
});

describe('one Gorgias ticket per case', () => {
  it('opens the ticket with the full-context note, tags, customer and the photo attached', async () => {
    const opened = await openCase({ photo: true });
    const result = await syncCaseToHelpdesk(deps, opened.id);
    expect(result).toMatchObject({ status: 'synced', created: true, notesPosted: 1 });
    const [ticket, ...others] = await ticketsOf(opened.id);
    expect(others).toEqual([]);
    expect(ticket.subject).toBe(`Return ${opened.id} · order ${order.name}`);
    expect(ticket.tags.map((t: any) => t.name).sort()).toEqual(['auto-approved', 'comptoir', 'return', 'size-too-small']);
    expect(ticket.customer.email).toBe(order.email);
    const [note] = notesOf(ticket);
    expect(note.external_id).toMatch(new RegExp(`^${opened.id}:event:\\d+$`));
    for (const text of [order.name, 'admin.shopify.com/store/gorgias-test/orders/', order.lineItems[0]!.title, '5.1', policy.version, '€45.00', '€4.00', 'Trop serré', 'Shopper language: fr']) {
      expect(note.body_text).toContain(text);
    }
    // The case link is the agent's: sealed, expiring, and it opens this case (the shopper's link would not).
    const token = /https:\/\/portal\.example\/agent\/cases\/([A-Za-z0-9_-]+)/.exec(note.body_text)?.[1] ?? '';
    expect(readAgentLinkToken(token, deps.config.secret, time.clock())).toMatchObject({ ok: true, claims: { caseId: opened.id } });
    expect(note.body_text).not.toContain(`/cases/${opened.id}`);
    expect(note.attachments).toEqual([expect.objectContaining({ content_type: 'image/png', name: `${opened.id}-1-1.png` })]);
    expect((await cases.getCase(opened.id))!.providerRefs.gorgiasTicketId).toBe(ticket.id);
  });

  it('posts nothing new when run again, and exactly one note for a new event', async () => {
    const opened = await openCase();
    await syncCaseToHelpdesk(deps, opened.id);
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ created: false, notesPosted: 0 });
    await cases.transition(opened.id, 'received', 'submitted_to_store', { at: time.clock(), type: 'submitted_to_store', actor: 'system', data: {} });
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ created: false, notesPosted: 1 });
    const [ticket, ...others] = await ticketsOf(opened.id);
    expect(others).toEqual([]);
    expect(notesOf(ticket).map((n) => n.body_text.split('\n')[0])).toEqual([expect.stringContaining(opened.id), 'Submitted to the store (Shopify)']);
  });

  it('finds the ticket by external_id after a crash between creating it and recording its id', async () => {
    const opened = await openCase();
    const crashing: Helpdesk = { ...helpdesk, openTicket: async (input) => { await helpdesk.openTicket(input); throw new Error('process died'); } };
    await expect(syncCaseToHelpdesk({ ...deps, helpdesk: crashing }, opened.id)).rejects.toThrow('process died');
    expect((await cases.getCase(opened.id))!.providerRefs.gorgiasTicketId).toBeUndefined();
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ created: false, notesPosted: 1 });
    expect(await ticketsOf(opened.id)).toHaveLength(1);
  });

  it('records helpdesk_failed and parks the job on a refusal Gorgias will not change its mind about', async () => {
    const opened = await openCase();
    const refusing: Helpdesk = { ...helpdesk, openTicket: async () => { throw new UpstreamError({ service: 'gorgias', status: 400, code: 'BAD_REQUEST', retryable: false }); } };
    const handler = createGorgiasSyncHandler({ ...deps, helpdesk: refusing, retryLimit: 3 });
    const outcome = await handler({ caseId: opened.id }, { id: randomUUID(), name: GORGIAS_SYNC_CASE, retryCount: 0, signal: new AbortController().signal });
    expect(outcome).toEqual({ park: { code: 'BAD_REQUEST', status: 400 } });
    expect((await cases.listEvents(opened.id)).at(-1)).toMatchObject({ type: 'helpdesk_failed', data: { code: 'BAD_REQUEST', status: 400 } });
  });
});

describe('fault matrix: every case one ticket, every event noted once', () => {
  const faults = [
    { name: '30 % 5xx', faults: { errorRate: 0.3 }, onRetry: () => {} },
    { name: '429 storm', faults: { storm429: 40 }, onRetry: () => {} },
    // On the emulator's clock: each retry stands for 15 s of backoff.
    { name: 'down for a minute', faults: { downForSeconds: 60 }, onRetry: () => time.advance(15_000) },
  ];
  it.each(faults)('$name', async ({ faults: set, onRetry }) => {
    const opened = await openMatrixCases(5);
    await gorgiasEmulator.control('faults', set);
    const attempts = await drain(opened.map((found) => found.id), onRetry);
    await gorgiasEmulator.control('faults', {});
    await expectOneTicketEachEventNotedOnce(opened, `${set && Object.keys(set)[0]}`, attempts);
  });

  // Real wall-clock latency on every call, under the client's 15 s timeout: answers are slow,
  // never lost. Three cases at once keep the test near one case's time (5–6 calls, ~60 s).
  it('10 s latency', async () => {
    const opened = await openMatrixCases(3);
    await gorgiasEmulator.control('faults', { latencyMs: 10_000 });
    const attempts = (await Promise.all(opened.map((found) => drain([found.id])))).reduce((a, b) => a + b, 0);
    await gorgiasEmulator.control('faults', {});
    await expectOneTicketEachEventNotedOnce(opened, 'latencyMs', attempts);
  }, 150_000);

  const postgresUrl = process.env.TEST_DATABASE_URL;
  const killedWorker = (postgres: boolean) => async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-kill-'));
    const pgDatabase = postgres ? await createPostgresDatabase(postgresUrl!, 'comptoir_kill') : null;
    try {
      const report = await runWorkerKillScenario({
        database: pgDatabase ? { url: pgDatabase.url } : { dataDir }, shopifyUrl, shop: SHOP, token: TOKEN, order, policy, cases: 6,
      });
      let notes = 0;
      for (const { caseId, tickets, notedEvents } of report.cases) {
        expect(tickets, caseId).toHaveLength(1);
        expect(toldEvents(caseId, tickets[0]), caseId).toEqual([...notedEvents].sort((a, b) => a - b));
        notes += notesOf(tickets[0]).length;
      }
      expect(report.parked).toBe(0);
      // The first kill comes as the first ticket appears, with that sync's notes still to post.
      expect(report.interrupted).toBeGreaterThanOrEqual(1);
      console.info(`gorgias fault matrix [SIGKILL ×${report.kills}, ${postgres ? 'PostgreSQL' : 'PGlite'}]: ${report.cases.length} cases, `
        + `${report.cases.reduce((sum, c) => sum + c.tickets.length, 0)} tickets, ${notes} notes, ${report.syncAttempts} sync attempts, `
        + `${report.submitAttempts} Shopify attempts, ${report.interrupted} jobs cut off by a kill and run again`);
    } finally {
      await pgDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  it('worker process killed (SIGKILL) mid-delivery, twice, then recovered (PGlite data folder)', killedWorker(false), 180_000);
  it.skipIf(!postgresUrl)(`worker process killed (SIGKILL) mid-delivery, twice, then recovered (PostgreSQL${postgresUrl ? '' : ', skipped: TEST_DATABASE_URL not set'})`,
    killedWorker(true), 180_000);
});

describe('through the queue', () => {
  it('a case opened with its sync job, plus the Shopify worker, ends with one ticket holding every event under 30 % 5xx', async () => {
    await gorgiasEmulator.control('faults', { errorRate: 0.3 });
    const opened = await openCase({ enqueue: true });
    await queue.send(SHOPIFY_EXECUTE_CASE, { caseId: opened.id }, { singletonKey: `${opened.id}:${SHOPIFY_EXECUTE_CASE}` });
    const deadline = Date.now() + 100_000;
    for (;;) {
      const events = await notedEvents(opened.id);
      const tickets = await ticketsOf(opened.id);
      const settled = events.length > 1 && tickets.length === 1 && toldEvents(opened.id, tickets[0]).length === events.length;
      const jobs = await queue.boss.findJobs(GORGIAS_SYNC_CASE, { data: { caseId: opened.id } });
      if (settled && jobs.every((job) => job.state === 'completed')) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${events.length} events, ${tickets.length} tickets, jobs ${jobs.map((j) => j.state)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await gorgiasEmulator.control('faults', {});
    const [ticket, ...others] = await ticketsOf(opened.id);
    expect(others).toEqual([]);
    expect(toldEvents(opened.id, ticket)).toEqual(idsOf(await notedEvents(opened.id)));
  }, 120_000);
});

describe('notes an agent reads gladly', () => {
  it('a submitted auto-approved return gives one context note and one note for its Shopify steps, not three near-identical ones', async () => {
    // The Shopify worker asks for the sync once it is done, as it does after every attempt. (The
    // portal also queues one at opening: landing mid-submission, it splits the steps in two notes at most.)
    const context = await createShopifyReturns({ client: createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: shopifyUrl }) }).getReturnContext(order.id);
    const line = context!.lines.find((candidate) => candidate.lineItemId === order.lineItems[0]!.id)!;
    const opened = await openCase({ fulfillmentLineItemId: line.fulfillmentLineItemId });
    await queue.send(SHOPIFY_EXECUTE_CASE, { caseId: opened.id }, { singletonKey: `${opened.id}:${SHOPIFY_EXECUTE_CASE}` });
    const deadline = Date.now() + 100_000;
    for (;;) {
      const found = await cases.getCase(opened.id);
      const jobs = await queue.boss.findJobs(GORGIAS_SYNC_CASE, { data: { caseId: opened.id } });
      const [ticket] = await ticketsOf(opened.id);
      if (found?.state === 'approved' && ticket && toldEvents(opened.id, ticket).length === (await notedEvents(opened.id)).length
        && jobs.every((job) => job.state === 'completed')) break;
      if (Date.now() > deadline) throw new Error(`not settled: ${found?.state}, jobs ${jobs.map((j) => j.state)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await notedEvents(opened.id)).map((e) => e.type)).toEqual(['received', 'shopify.returns_opened', 'submitted_to_store', 'approved_by_store']);
    const [ticket] = await ticketsOf(opened.id);
    const notes = notesOf(ticket).map((n) => n.body_text as string);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain(`Return ${opened.id}`);
    expect(notes[0]).toContain('Fees: €4.00');
    expect(notes[0]).toContain('Estimated refund: €45.00');
    expect(notes[1]!.split('\n').slice(0, 2)).toEqual([
      'Approved: the return is open on Shopify',
      'Just before: Return opened on Shopify · Submitted to the store (Shopify)',
    ]);
    expect(notesOf(ticket)[1].external_id).toMatch(new RegExp(`^${opened.id}:events:\\d+\\+\\d+\\+\\d+$`));
    // And a sync run again (a retry, a re-driven job) tells none of it twice.
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ notesPosted: 0 });
  }, 120_000);
});
