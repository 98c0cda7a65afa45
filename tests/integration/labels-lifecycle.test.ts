import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseStore } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbWebhookDeliveryStore } from '~/db/webhook-delivery-store.server';
import { parseEnv } from '~/env.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { LABELS_APPLY_WEBHOOK, LABELS_REQUEST_LABEL, SHOPIFY_APPLY_WEBHOOK, SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { registerWorkers } from '~/jobs/workers.server';
import { applyParcelUpdate } from '~/labels/apply-parcel-update.server';
import type { LabelProvider, LabelRequest, ParcelStep, ParcelUpdate } from '~/labels/ports';
import { createStoreLabelProvider } from '~/labels/store/store-provider';
import type { Order } from '~/orders/types';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import { UpstreamError } from '~/utils/upstream-error';
import { applyShopifyEvent } from '~/webhooks/apply-event.server';
import { receiveWebhook, toWebhookSource, type IntakeDeps, type WebhookSource } from '~/webhooks/intake.server';
import { waitFor } from './support/wait-for';

/*
 * A return's way back, with the real database (PGlite), the real queue and the real jobs: a case
 * approved by Shopify's webhook queues one label request, a label provider (a fake of the port,
 * written here) issues it, and the provider's signed webhooks, each delivered three times and
 * shuffled, carry the case to its refund through the real intake.
 */

const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
  [SHOPIFY_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 3, retryDelay: 1, retryBackoff: false },
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 40, retryDelay: 1, retryBackoff: false },
  [LABELS_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 3, retryDelay: 1, retryBackoff: false },
};
const SECRET = 'labels-test-secret';
const ADDRESS = ['Maison Lumière — Retours', '14 rue des Artisans', '69004 Lyon', 'France'];

/** A remote provider as the port describes it: idempotent by case id, with switchable faults. */
function createFakeLoop() {
  const returns = new Map<string, string>();
  const calls = { total: 0, failed: 0 };
  const faults = { rate: 0, random: mulberry32(7) };
  const provider: LabelProvider = {
    name: 'loop',
    async requestLabel(request: LabelRequest) {
      calls.total += 1;
      const roll = faults.random();
      if (roll < faults.rate / 3) {
        calls.failed += 1;
        throw new UpstreamError({ service: 'loop', status: 429, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
      }
      if (roll < (faults.rate * 2) / 3) {
        calls.failed += 1;
        throw new UpstreamError({ service: 'loop', status: 503, code: 'UNAVAILABLE', retryable: true });
      }
      const id = returns.get(request.caseId) ?? `lr_${returns.size + 1}`;
      returns.set(request.caseId, id);
      // Made, but the answer is lost on the way back: the next attempt must find this one.
      if (roll < faults.rate) {
        calls.failed += 1;
        throw new UpstreamError({ service: 'loop', status: null, code: 'TIMEOUT', retryable: true });
      }
      return {
        status: 'issued',
        label: {
          provider: 'loop', providerReturnId: id, carrier: 'Colissimo', trackingNumber: `6A${id}`, trackingUrl: `https://track.example/6A${id}`,
          labelUrl: `https://loop.example/labels/${id}.pdf`, qrCodeUrl: `https://loop.example/qr/${id}.png`, returnAddress: null, shipBy: '2026-12-18', portalUrl: null,
        },
      };
    },
    async cancelLabel() {},
    async getStatus() {
      return null;
    },
  };
  return { provider, returns, calls, faults };
}

/** A provider that holds the return and sends its label later (by webhook), and refuses wrong-item returns. */
const slowAftership: LabelProvider = {
  name: 'aftership',
  async requestLabel(request) {
    if (request.lines.some((line) => line.reasonId === 'wrong-item')) return { status: 'refused', code: 'ITEM_NOT_RETURNABLE', message: 'not returnable here' };
    return { status: 'pending', providerReturnId: `as_${request.caseId}`, portalUrl: `https://returns.example/${request.caseId}` };
  },
  async cancelLabel() {},
  async getStatus() {
    return null;
  },
};

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A test-local webhook source: HMAC-SHA256 of the raw body in a header, a JSON ParcelUpdate inside. */
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');
const testSource = (): WebhookSource => toWebhookSource('loop', LABELS_APPLY_WEBHOOK, {
  async verify(request, rawBody) {
    const given = Buffer.from(request.headers.get('x-test-signature') ?? '');
    const wanted = Buffer.from(sign(rawBody));
    return given.length === wanted.length && timingSafeEqual(given, wanted) ? { ok: true, delivery: null } : { ok: false, reason: 'bad_signature' };
  },
}, (_, rawBody) => {
  const body = JSON.parse(rawBody) as { id: string; update: ParcelUpdate & { occurredAt: string | null } };
  const update = { ...body.update, occurredAt: body.update.occurredAt ? new Date(body.update.occurredAt) : null };
  return { ok: true, eventId: body.id, topic: `return.${update.step}`, webhookId: randomUUID(), triggeredAt: update.occurredAt, event: update, staleOrderId: null };
});
const toRequest = (id: string, update: Partial<ParcelUpdate> & { providerReturnId: string }, at: string) => {
  const body = JSON.stringify({ id, update: { provider: 'loop', caseId: null, label: null, refund: null, step: null, ...update, occurredAt: at } });
  return new Request('http://portal.test/webhooks/loop', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-test-signature': sign(body) } });
};

let database: DatabaseHandle;
let queue: Queue;
let cases: CaseStore;
let policy: Policy;
let intake: IntakeDeps;
const loop = createFakeLoop();
const order = (id: string): Order => ({
  id, name: '#1001', email: 'camille@example.com', phone: null, createdAt: new Date('2026-11-01'), processedAt: new Date('2026-11-01'), cancelledAt: null, closed: false, tags: [], financialStatus: 'paid',
  fulfillmentStatus: 'FULFILLED', total: { amount: '60.00', currencyCode: 'EUR' }, netPayment: { amount: '60.00', currencyCode: 'EUR' },
  shippingAddress: { firstName: 'Camille', lastName: 'Roux', address1: '3 rue Neuve', address2: null, city: 'Lyon', provinceCode: null, countryCode: 'FR', zip: '69002', phone: null },
  lineItems: [], parcels: [], returns: [],
});

beforeAll(async () => {
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES, pollingIntervalSeconds: 0.5 });
  cases = createDbCaseStore(database.db, queue);
  const loaded = await loadPolicyFile(DEFAULT_POLICY_FILE);
  // Changed-mind returns ship themselves; every other reason gets Loop's prepaid label.
  // Not-as-described and wrong-item returns go through AfterShip.
  const own: Record<string, 'store' | 'aftership'> = { 'changed-mind': 'store', 'not-as-described': 'aftership', 'wrong-item': 'aftership' };
  policy = { ...loaded, reasons: loaded.reasons.map((reason) => (own[reason.id] ? { ...reason, labelProvider: own[reason.id] } : reason)) };
  const deliveries = createDbWebhookDeliveryStore(database.db);
  intake = { deliveries, queue, invalidateOrder: () => {}, clock: () => new Date() };
  const store = createStoreLabelProvider({ returnAddress: ADDRESS, shipWithinDays: 14, timeZone: 'Europe/Paris', clock: () => new Date('2026-12-02T10:00:00Z') });
  await registerWorkers(queue, createJobHandlers({
    config: parseEnv({}), cases, policy, clock: () => new Date(), queues: QUEUES,
    shopifyReturns: null as never,
    orderCancel: null as never, orderAddress: null as never,
    orders: { getOrder: async (id) => order(id) },
    webhooks: { deliveries, invalidateOrder: () => {} },
    labels: { providers: { store, loop: loop.provider, aftership: slowAftership }, defaultProvider: 'loop' },
  }));
});
afterAll(async () => {
  await queue?.stop();
  await database?.close();
});

/** A return waiting for Shopify's decision, then approved by Shopify's `returns/approve` webhook. */
async function approvedCase(options: { reasonId?: string; keepItems?: boolean; decisions?: CaseLine['decision'][] } = {}): Promise<Case> {
  const money = { amount: '30.00', currencyCode: 'EUR' };
  const shopifyReturnId = `gid://shopify/Return/${randomUUID()}`;
  const lines: CaseLine[] = (options.decisions ?? ['approved']).map((decision, index) => ({
    fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${index}`, lineItemId: `gid://shopify/LineItem/${index}`, title: 'Linen shirt', quantity: 1,
    reasonId: options.reasonId ?? 'defective', note: null, outcome: 'refund', photoIds: [], decision, clauseIds: ['5.1'],
  }));
  const opened = await cases.openCase({
    kind: 'return', orderId: `gid://shopify/Order/${randomUUID()}`, orderName: '#1001', customerEmailHash: randomUUID(), language: 'fr', policyVersion: policy.version,
    details: { lines, refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: { amount: '0.00', currencyCode: 'EUR' }, estimatedRefund: money }, keepItems: options.keepItems ?? false },
    providerRefs: { shopifyReturnId },
  }, randomUUID(), new Date());
  if (opened.status !== 'opened') throw new Error('not opened');
  const moved = await cases.transition(opened.case.id, 'received', 'submitted_to_store', { at: new Date(), type: 'submitted_to_store', actor: 'system', data: {} });
  if (!moved.ok) throw new Error('not submitted');
  const deps = { cases, invalidateOrder: () => {}, clock: () => new Date() };
  await applyShopifyEvent(deps, { kind: 'return_changed', returnId: shopifyReturnId, orderId: opened.case.orderId, status: 'approved', decline: null }, { topic: 'returns/approve' });
  return (await cases.getCase(opened.case.id))!;
}

const labelJobs = async (caseId: string) => (await queue.boss.findJobs(LABELS_REQUEST_LABEL, {})).filter((job) => (job.data as { caseId: string }).caseId === caseId);
const eventTypes = async (caseId: string) => (await cases.listEvents(caseId)).map((event) => event.type);
const stateOf = async (caseId: string, state: string) => ((await cases.getCase(caseId))?.state === state ? true : null);
const drained = async () => {
  const active = await queue.boss.findJobs(LABELS_APPLY_WEBHOOK, { queued: true });
  return active.length === 0 ? true : null;
};

describe('a return on its way back', () => {
  it('approve → one label request → label issued → webhooks (each 3×, shuffled) → refunded, one event per step', async () => {
    const found = await approvedCase();
    expect(found.state).toBe('approved');
    expect(await labelJobs(found.id)).toHaveLength(1);
    await waitFor(() => stateOf(found.id, 'label_issued'));
    const issued = (await cases.getCase(found.id))!;
    const returnId = issued.providerRefs.loopReturnId!;
    expect(returnId).toMatch(/^lr_/);
    const label = (await cases.listEvents(found.id)).find((event) => event.type === 'label_issued');
    expect(label?.data).toMatchObject({ provider: 'loop', providerReturnId: returnId, trackingUrl: `https://track.example/6A${returnId}`, labelUrl: expect.stringContaining('.pdf') });

    // In order, each sent three times with the copies mixed among the neighbours'.
    const steps: ParcelStep[] = ['in_transit', 'delivered_to_store', 'received_by_store', 'refunded'];
    const sends = steps.flatMap((step, index) => [0, 1, 2].map((copy) => ({ step, index, copy })));
    const random = mulberry32(11);
    const mixed = sends.map((send) => ({ send, key: send.index + random() * 1.2 })).sort((a, b) => a.key - b.key).map(({ send }) => send);
    const outcomes: string[] = [];
    for (const { step, index } of mixed) {
      const at = new Date(Date.UTC(2026, 11, 3 + index)).toISOString();
      const refund = step === 'refunded' ? { amount: { amount: '30.00', currencyCode: 'EUR' }, method: 'original_payment' as const } : null;
      outcomes.push(await receiveWebhook(intake, testSource(), toRequest(`evt-${found.id}-${step}`, { providerReturnId: returnId, step, refund }, at)));
      await waitFor(drained);
    }
    expect(outcomes.filter((outcome) => outcome === 'queued')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(8);
    await waitFor(() => stateOf(found.id, 'refunded'));
    const types = await eventTypes(found.id);
    for (const type of ['label_requested', 'label_issued', 'parcel_in_transit', 'return_received', 'refund_issued']) expect(types.filter((t) => t === type), type).toHaveLength(1);
    expect(types.filter((t) => t === 'parcel_delivered').length).toBeLessThanOrEqual(1);
    expect(loop.returns.size).toBeGreaterThan(0);
  });

  it('fully shuffled deliveries still end refunded, and nothing is logged twice', async () => {
    const found = await approvedCase();
    await waitFor(() => stateOf(found.id, 'label_issued'));
    const returnId = (await cases.getCase(found.id))!.providerRefs.loopReturnId!;
    const steps: ParcelStep[] = ['in_transit', 'delivered_to_store', 'received_by_store', 'refunded'];
    const random = mulberry32(23);
    const sends = steps.flatMap((step, index) => [0, 1, 2].map(() => ({ step, index, key: random() }))).sort((a, b) => a.key - b.key);
    await Promise.all(sends.map(({ step, index }) => receiveWebhook(intake, testSource(),
      toRequest(`evt-${found.id}-${step}`, { providerReturnId: returnId, step }, new Date(Date.UTC(2026, 11, 3 + index)).toISOString()))));
    await waitFor(() => stateOf(found.id, 'refunded'));
    await waitFor(drained);
    const types = await eventTypes(found.id);
    expect(new Set(types).size).toBe(types.length);
    expect(types.filter((t) => t === 'refund_issued')).toHaveLength(1);
    // No amount in the provider's news: the case's estimate is logged as the refund.
    expect((await cases.listEvents(found.id)).find((e) => e.type === 'refund_issued')?.data).toMatchObject({ amount: { amount: '30.00', currencyCode: 'EUR' } });
  });

  it('keeps a delivery about a return no case claims yet, and applies it once a case does', async () => {
    // The provider's id for the next case is known in advance here (lr_<n>): its news arrives first.
    const nextId = `lr_${loop.returns.size + 1}`;
    const outcome = await receiveWebhook(intake, testSource(), toRequest(`evt-early-${nextId}`, { providerReturnId: nextId, step: 'in_transit' }, '2026-12-03T09:00:00Z'));
    expect(outcome).toBe('queued');
    await waitFor(drained);
    const found = await approvedCase();
    await waitFor(() => stateOf(found.id, 'in_transit'));
    expect((await cases.getCase(found.id))!.providerRefs.loopReturnId).toBe(nextId);
    expect((await eventTypes(found.id)).slice(-2)).toEqual(['label_issued', 'parcel_in_transit']);
  });

  it('refuses an unsigned delivery and changes nothing', async () => {
    const found = await approvedCase({ reasonId: 'changed-mind' });
    await waitFor(() => stateOf(found.id, 'label_issued'));
    const request = toRequest('evt-forged', { providerReturnId: found.id, caseId: found.id, step: 'refunded' }, '2026-12-04T00:00:00Z');
    const forged = new Request(request, { headers: { 'content-type': 'application/json', 'x-test-signature': sign('something else') } });
    expect(await receiveWebhook(intake, testSource(), forged)).toBe('unsigned');
    expect((await cases.getCase(found.id))!.state).toBe('label_issued');
  });

  it("gives a changed-mind return the store's address and deadline, with no label", async () => {
    const found = await approvedCase({ reasonId: 'changed-mind' });
    await waitFor(() => stateOf(found.id, 'label_issued'));
    const label = (await cases.listEvents(found.id)).find((event) => event.type === 'label_issued');
    expect(label?.data).toMatchObject({ provider: 'store', providerReturnId: found.id, returnAddress: ADDRESS, shipBy: '2026-12-16', labelUrl: null, qrCodeUrl: null });
  });

  it("logs Shopify's actual refund beside the estimate, once, whichever of Shopify and the provider tells first", async () => {
    const found = await approvedCase();
    await waitFor(() => stateOf(found.id, 'label_issued'));
    const deps = { cases, invalidateOrder: () => {}, clock: () => new Date() };
    const refund = { kind: 'refund_created' as const, orderId: found.orderId, returnId: found.providerRefs.shopifyReturnId!, refund: { amount: { amount: '27.50', currencyCode: 'EUR' }, method: 'original_payment' as const } };
    expect(await applyShopifyEvent(deps, refund, { topic: 'refunds/create' })).toMatchObject({ status: 'moved', states: ['refunded'] });
    expect(await applyShopifyEvent(deps, refund, { topic: 'refunds/create' })).toMatchObject({ status: 'unchanged' });
    const returnId = (await cases.getCase(found.id))!.providerRefs.loopReturnId!;
    await receiveWebhook(intake, testSource(), toRequest(`evt-${found.id}-refund`, { providerReturnId: returnId, step: 'refunded' }, '2026-12-05T00:00:00Z'));
    await waitFor(drained);
    const refunds = (await cases.listEvents(found.id)).filter((event) => event.type === 'refund_issued');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.data).toMatchObject({ amount: { amount: '27.50', currencyCode: 'EUR' }, estimate: { amount: '30.00', currencyCode: 'EUR' }, method: 'original_payment' });
  });

  it("keeps the case approved while the provider holds the return, then issues the label its webhook brings", async () => {
    const found = await approvedCase({ reasonId: 'not-as-described' });
    await waitFor(async () => ((await eventTypes(found.id)).includes('label_pending') ? true : null));
    const pending = (await cases.getCase(found.id))!;
    expect(pending).toMatchObject({ state: 'approved', providerRefs: { aftershipReturnId: `as_${found.id}` } });
    // The provider's own label webhook, applied as its job applies it.
    const label = { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999', labelUrl: 'https://returns.example/l.pdf' };
    const update = { provider: 'aftership' as const, providerReturnId: `as_${found.id}`, caseId: null, step: 'label_issued' as const, occurredAt: null, label, refund: null };
    expect(await applyParcelUpdate({ cases, clock: () => new Date() }, update)).toMatchObject({ status: 'moved', events: ['label_issued'] });
    expect(await applyParcelUpdate({ cases, clock: () => new Date() }, update)).toMatchObject({ status: 'unchanged' });
    expect((await cases.listEvents(found.id)).find((e) => e.type === 'label_issued')?.data).toMatchObject({ provider: 'aftership', ...label });
  });

  it('hands a refused label to an agent and leaves the case approved, asking nobody again', async () => {
    const found = await approvedCase({ reasonId: 'wrong-item' });
    await waitFor(async () => ((await eventTypes(found.id)).includes('label_refused') ? true : null));
    expect((await cases.getCase(found.id))!.state).toBe('approved');
    const refused = (await cases.listEvents(found.id)).filter((e) => e.type === 'label_refused');
    expect(refused).toEqual([expect.objectContaining({ data: { provider: 'aftership', code: 'ITEM_NOT_RETURNABLE', message: 'not returnable here' } })]);
  });

  it('queues nothing for a keep-the-item case', async () => {
    const kept = await approvedCase({ keepItems: true });
    expect(kept.state).toBe('approved');
    expect(await labelJobs(kept.id)).toHaveLength(0);
  });

  it('with a provider failing 30 % (429s, outages, lost answers), every case still ends with exactly one label', { timeout: 110_000 }, async () => {
    loop.faults.rate = 0.3;
    const before = loop.returns.size;
    const approved = await Promise.all(Array.from({ length: 20 }, () => approvedCase()));
    for (const found of approved) await waitFor(() => stateOf(found.id, 'label_issued'), 100_000);
    loop.faults.rate = 0;
    expect(loop.returns.size - before).toBe(approved.length);
    for (const found of approved) {
      expect((await eventTypes(found.id)).filter((type) => type === 'label_issued')).toHaveLength(1);
      expect(loop.returns.get(found.id)).toBe((await cases.getCase(found.id))!.providerRefs.loopReturnId);
    }
    expect(loop.calls.failed).toBeGreaterThan(0);
    console.log(JSON.stringify({ event: 'test.label_faults', cases: approved.length, calls: loop.calls.total, failed: loop.calls.failed }));
  });
});
