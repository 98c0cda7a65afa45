import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseStore } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbWebhookDeliveryStore } from '~/db/webhook-delivery-store.server';
import { parseEnv } from '~/env.server';
import { createLoopClient } from '~/integrations/loop/client.server';
import { createLoopLabelProvider } from '~/integrations/loop/label-provider.server';
import { createLoopWebhookSource } from '~/integrations/loop/webhook-source.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { LABELS_APPLY_WEBHOOK, LABELS_REQUEST_LABEL, SHOPIFY_APPLY_WEBHOOK, SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import type { LabelProvider } from '~/labels/ports';
import { createStoreLabelProvider } from '~/labels/store/store-provider';
import type { Order } from '~/orders/types';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import { SANDBOX_LOOP, startLoopEmulator, testOrder, type RunningLoopEmulator } from '~/sandbox/loop/emulator-harness.test-helpers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { applyShopifyEvent } from '~/webhooks/apply-event.server';
import { receiveWebhook, toWebhookResponse, type IntakeDeps, type IntakeOutcome } from '~/webhooks/intake.server';
import { waitFor } from './support/wait-for';

/*
 * Label delivery under faults, end to end: PGlite, pg-boss and the real jobs; the real Loop client
 * and label provider against the Loop emulator over loopback HTTP; the emulator's signed webhooks
 * posted to a loopback stand-in for `/webhooks/loop` that runs the real intake with the real Loop
 * webhook source. "One label per case" is counted on the emulator (its returns per order), not on
 * what our code believes it made.
 */

const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
  [SHOPIFY_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 3, retryDelay: 1, retryBackoff: false },
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 60, retryDelay: 1, retryBackoff: false },
  [LABELS_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 3, retryDelay: 1, retryBackoff: false },
};
const ORDERS = 40;
/** One single-line order per case (#3000, #3001…): Loop will not take the same units back twice. */
const loopOrders = Array.from({ length: ORDERS }, (_, i) => testOrder({
  name: `#${3000 + i}`, providerOrderId: String(6_410_003_000 + i),
  lines: [{ loopLineItemId: String(7_100 + i), providerLineItemId: String(15_870_003_000 + i), title: 'Linen shirt', sku: 'LIN-S-M', quantity: 1, price: '49.00' }],
}));

let loop: RunningLoopEmulator;
let portal: Server;
let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let policy: Policy;
let nextOrder = 0;
const shopifyOrders = new Map<string, Order>();
const intakeOutcomes: IntakeOutcome[] = [];
/** What went over the wire to Loop, by answer, and what the label job asked of the provider. */
const seen = { calls: 0, serverErrors: 0, tooMany: 0, requests: 0, failedRequests: 0 };
let provider: LabelProvider;

/** A fresh client per row (its own 300/min gate, as after a restart), counting every answer. */
function useFreshLoopClient() {
  const client = createLoopClient({
    baseUrl: loop.url, apiKey: SANDBOX_LOOP.apiKey,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      seen.calls += 1;
      if (response.status === 429) seen.tooMany += 1;
      else if (response.status >= 500) seen.serverErrors += 1;
      return response;
    },
  });
  provider = createLoopLabelProvider(client);
  Object.assign(seen, { calls: 0, serverErrors: 0, tooMany: 0, requests: 0, failedRequests: 0 });
  intakeOutcomes.length = 0;
}

/** The label job's provider: the current row's real Loop provider, with its calls counted. */
const countedLoop: LabelProvider = {
  name: 'loop',
  async requestLabel(request) {
    seen.requests += 1;
    try {
      return await provider.requestLabel(request);
    } catch (error) {
      seen.failedRequests += 1;
      throw error;
    }
  },
  cancelLabel: (id) => provider.cancelLabel(id),
  getStatus: (id) => provider.getStatus(id),
};

beforeAll(async () => {
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
  cases = createDbCaseStore(database.db, queue);
  policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
  const deliveries = createDbWebhookDeliveryStore(database.db);
  const intake: IntakeDeps = { deliveries, queue, invalidateOrder: () => {}, clock: () => new Date() };
  const source = createLoopWebhookSource({ webhookSecret: SANDBOX_LOOP.webhookSecret, job: LABELS_APPLY_WEBHOOK });
  portal = createServer(toNodeHandler(async (request) => {
    const outcome = await receiveWebhook(intake, source, request);
    intakeOutcomes.push(outcome);
    return toWebhookResponse(request, outcome);
  }));
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/webhooks/loop`;
  // Only the injected faults answer 429: the emulator's own 300/min would mix the rows' budgets.
  loop = await startLoopEmulator({ seed: { orders: loopOrders }, webhookUrl, perMinute: 100_000, retryDelaysMs: [200, 500, 1000] });
  useFreshLoopClient();
  await registerWorkers(queue, createJobHandlers({
    config: parseEnv({}), cases, policy, clock: () => new Date(), queues: QUEUES,
    shopifyReturns: null as never,
    orderCancel: null as never, orderAddress: null as never,
    orders: { getOrder: async (id) => shopifyOrders.get(id) ?? null },
    webhooks: { deliveries, invalidateOrder: () => {} },
    labels: { providers: { store: createStoreLabelProvider({ returnAddress: ['Retours', '69004 Lyon'], shipWithinDays: 14, timeZone: 'Europe/Paris', clock: () => new Date() }), loop: countedLoop }, defaultProvider: 'loop' },
  }));
});

afterAll(async () => {
  await queue?.stop();
  await database?.close();
  await loop?.close();
  await new Promise<void>((resolve) => (portal ? portal.close(() => resolve()) : resolve()));
});

/** A defective-item return on its own order, approved by Shopify's `returns/approve` webhook. */
async function approvedCase(): Promise<Case> {
  const loopOrder = loopOrders[nextOrder++]!;
  const orderId = `gid://shopify/Order/${loopOrder.providerOrderId}`;
  const line = loopOrder.lines[0]!;
  shopifyOrders.set(orderId, {
    id: orderId, name: loopOrder.name, email: loopOrder.email, phone: null, createdAt: new Date('2026-11-01'), processedAt: new Date('2026-11-01'), cancelledAt: null, closed: false, tags: [], financialStatus: 'paid',
    fulfillmentStatus: 'FULFILLED', total: { amount: '49.00', currencyCode: 'EUR' }, netPayment: { amount: '49.00', currencyCode: 'EUR' },
    shippingAddress: { firstName: 'Ann', lastName: 'Lee', address1: '3 rue Oberkampf', address2: null, city: 'Paris', provinceCode: null, countryCode: 'FR', zip: '75011', phone: null },
    lineItems: [], parcels: [], returns: [],
  });
  const money = { amount: '49.00', currencyCode: 'EUR' };
  const shopifyReturnId = `gid://shopify/Return/${randomUUID()}`;
  const lines: CaseLine[] = [{
    fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${line.providerLineItemId}`, lineItemId: `gid://shopify/LineItem/${line.providerLineItemId}`, title: line.title, quantity: 1,
    reasonId: 'defective', note: null, outcome: 'refund', photoIds: [], decision: 'approved', clauseIds: ['5.1'],
  }];
  const opened = await cases.openCase({
    kind: 'return', orderId, orderName: loopOrder.name, customerEmailHash: randomUUID(), language: 'fr', policyVersion: policy.version,
    details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: { amount: '0.00', currencyCode: 'EUR' }, estimatedRefund: money }, keepItems: false },
    providerRefs: { shopifyReturnId },
  }, randomUUID(), new Date());
  if (opened.status !== 'opened') throw new Error('not opened');
  const moved = await cases.transition(opened.case.id, 'received', 'submitted_to_store', { at: new Date(), type: 'submitted_to_store', actor: 'system', data: {} });
  if (!moved.ok) throw new Error('not submitted');
  await applyShopifyEvent({ cases, invalidateOrder: () => {}, clock: () => new Date() }, { kind: 'return_changed', returnId: shopifyReturnId, orderId, status: 'approved', decline: null }, { topic: 'returns/approve' });
  return (await cases.getCase(opened.case.id))!;
}

type EmulatedReturnJson = { id: number | string; order_name: string; state: string };
const loopReturns = async () => (await loop.control('state')).body.returns as EmulatedReturnJson[];
const eventTypes = async (caseId: string) => (await cases.listEvents(caseId)).map((event) => event.type);
const allIn = (found: Case[], state: string) => async () => {
  for (const one of found) if ((await cases.getCase(one.id))?.state !== state) return null;
  return true;
};
/** The emulator has nothing left to send and every delivery it sent has been applied. */
const settled = async () => {
  await loop.emulator.hub.idle();
  const waiting = await queue.boss.findJobs(LABELS_APPLY_WEBHOOK, { queued: true });
  return waiting.length === 0 ? true : null;
};

/** Every case holds exactly one Loop return, on its own order, and logged its label once. */
async function expectOneLabelEach(found: Case[]): Promise<number> {
  const returns = await loopReturns();
  for (const one of found) {
    const ofOrder = returns.filter((r) => r.order_name === one.orderName);
    expect(ofOrder, one.orderName).toHaveLength(1);
    const current = (await cases.getCase(one.id))!;
    expect(current.providerRefs.loopReturnId).toBe(String(ofOrder[0]!.id));
    expect((await eventTypes(one.id)).filter((type) => type === 'label_issued'), one.id).toHaveLength(1);
  }
  return found.reduce((sum, one) => sum + returns.filter((r) => r.order_name === one.orderName).length, 0);
}

const summary = (fault: string, count: number, returns: number) => console.info(
  `loop label fault matrix [${fault}]: ${count} cases, ${returns} returns at Loop, ${seen.requests} label requests (${seen.failedRequests} retried), `
  + `${seen.calls} Loop API calls, ${seen.serverErrors} 5xx and ${seen.tooMany} 429 seen, webhooks ${intakeOutcomes.filter((o) => o === 'queued').length} queued / ${intakeOutcomes.filter((o) => o === 'duplicate').length} duplicate`,
);

describe('label fault matrix: every approved case ends with exactly one Loop return', () => {
  const rows = [
    { name: '30 % 5xx', faults: { errorRate: 0.3 }, saw: () => seen.serverErrors },
    { name: '429 storm', faults: { storm429: 12 }, saw: () => seen.tooMany },
    // "Down for a minute", scaled to 6 s of real time so the row stays short; every call meanwhile gets 503.
    { name: 'down for 6 s (a minute, scaled)', faults: { downForSeconds: 6 }, saw: () => seen.serverErrors },
  ];
  it.each(rows)('$name', async ({ name, faults, saw }) => {
    useFreshLoopClient();
    expect((await loop.control('faults', faults)).status).toBe(200);
    const found = await Promise.all(Array.from({ length: 6 }, () => approvedCase()));
    await waitFor(allIn(found, 'label_issued'), 80_000);
    await loop.control('faults', {});
    await waitFor(settled, 30_000);
    const returns = await expectOneLabelEach(found);
    expect(saw()).toBeGreaterThan(0);
    summary(name, found.length, returns);
  }, 100_000);
});

describe('webhook storm: every delivery twice, pairs swapped', () => {
  it('carries every case to its refund with one event per transition', async () => {
    useFreshLoopClient();
    const found = await Promise.all(Array.from({ length: 6 }, () => approvedCase()));
    await waitFor(allIn(found, 'label_issued'), 60_000);
    await waitFor(settled, 30_000);
    const returns = await loopReturns();
    const idOf = (one: Case) => returns.find((r) => r.order_name === one.orderName)!.id;
    intakeOutcomes.length = 0;
    const sentBefore = ((await loop.control('state')).body.deliveries as Array<{ seq: number }>).reduce((max, d) => Math.max(max, d.seq), 0);
    expect((await loop.control('webhooks', { duplicate: true, outOfOrder: true })).status).toBe(200);
    // The parcel's life, step by step across all returns, as a warehouse would work through them.
    for (const step of ['in-transit', 'delivered', 'receive', 'refund']) {
      for (const one of found) expect((await loop.control(`returns/${idOf(one)}/${step}`, {})).status, `${step} ${one.orderName}`).toBe(200);
    }
    // Turning the swap off releases the one delivery it still holds.
    await loop.control('webhooks', {});
    await waitFor(allIn(found, 'refunded'), 60_000);
    await waitFor(settled, 30_000);
    const transitions = ['label_issued', 'parcel_in_transit', 'parcel_delivered', 'return_received', 'refund_issued'];
    let events = 0;
    for (const one of found) {
      const types = await eventTypes(one.id);
      for (const type of transitions) expect(types.filter((t) => t === type), `${one.orderName} ${type}`).toHaveLength(1);
      events += types.filter((t) => transitions.includes(t)).length;
    }
    const deliveries = ((await loop.control('state')).body.deliveries as Array<{ seq: number; status: string }>).filter((d) => d.seq > sentBefore);
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    console.info(`loop webhook storm [duplicate + out of order]: ${found.length} cases refunded, ${deliveries.length} deliveries sent, `
      + `${intakeOutcomes.filter((o) => o === 'queued').length} queued / ${intakeOutcomes.filter((o) => o === 'duplicate').length} duplicate / `
      + `${intakeOutcomes.filter((o) => o === 'ignored').length} ignored, ${events} transition events (${transitions.length} per case)`);
  }, 100_000);
});
