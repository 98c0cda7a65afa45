import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLoopClient, type LoopClientConfig } from '~/integrations/loop/client.server';
import { createLoopLabelProvider, toCaseNote } from '~/integrations/loop/label-provider.server';
import { parseLoopWebhook } from '~/integrations/loop/webhook-parser';
import { createLoopWebhookVerifier } from '~/integrations/loop/webhook-verifier.server';
import type { LabelRequest, LabelRequestResult, ParcelUpdate } from '~/labels/ports';
import {
  SANDBOX_LOOP, startLoopEmulator, startWebhookSink, type RunningLoopEmulator,
} from '~/sandbox/loop/emulator-harness.test-helpers';
import { isUpstreamError, type UpstreamError } from '~/utils/upstream-error';

/**
 * Contract: the real Loop client and label provider against the Loop emulator over HTTP, and the
 * emulator's signed webhooks through our verifier and parser. Both sides were written from Loop's
 * published docs; a disagreement here is a bug in one of them.
 */
let now = Date.parse('2026-11-20T09:00:00Z');
let loop: RunningLoopEmulator;
let sink: Awaited<ReturnType<typeof startWebhookSink>>;

beforeAll(async () => {
  sink = await startWebhookSink();
  loop = await startLoopEmulator({ clock: () => new Date(now), webhookUrl: sink.url, retryDelaysMs: [20, 20] });
});
afterAll(async () => {
  await loop.close();
  await sink.close();
});
beforeEach(async () => {
  await loop.emulator.hub.idle();
  loop.emulator.reset();
  sink.received.length = 0;
  sink.answerWith(200);
  now += 120_000; // a fresh rate-limit window for each test
});

const waits: number[] = [];
const client = (over: Partial<LoopClientConfig> = {}) =>
  createLoopClient({ baseUrl: loop.url, apiKey: SANDBOX_LOOP.apiKey, clock: () => now, sleep: async (ms) => { waits.push(ms); now += ms; }, ...over });
const provider = (over: Partial<LoopClientConfig> = {}) => createLoopLabelProvider(client(over), { clock: () => new Date(now) });
const failure = async (work: Promise<unknown>): Promise<UpstreamError> => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (!isUpstreamError(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
};

const request = (over: Partial<LabelRequest> = {}): LabelRequest => ({
  caseId: 'case_01JD', orderId: 'gid://shopify/Order/6410001001', orderName: '#1001', customerEmail: 'ann@example.com', shippingZip: '75011',
  shipFrom: null, refundMethod: 'original_payment', language: 'en',
  lines: [{ lineItemId: 'gid://shopify/LineItem/15870001001', title: 'Linen shirt', sku: 'LIN-S-M', quantity: 1, reasonId: 'too_small', reasonText: 'Too small', note: 'Sleeves short' }],
  ...over,
});
const issued = (result: LabelRequestResult) => {
  if (result.status !== 'issued') throw new Error(`expected an issued label, got ${JSON.stringify(result)}`);
  return result.label;
};

/** Every webhook the sink got, verified with our verifier and parsed with our parser. */
async function receivedUpdates(): Promise<Array<{ eventId: string; topic: string; event: ParcelUpdate }>> {
  await loop.emulator.hub.idle();
  const verifier = createLoopWebhookVerifier({ webhookSecret: SANDBOX_LOOP.webhookSecret });
  const out = [];
  for (const { body, headers } of sink.received) {
    const verified = await verifier.verify(new Request(sink.url, { method: 'POST', headers, body }), body);
    if (!verified.ok) throw new Error(`unsigned delivery: ${verified.reason}`);
    const parsed = parseLoopWebhook(verified.delivery, body);
    if (!parsed.ok) throw new Error(`dropped delivery: ${parsed.why}`);
    out.push({ eventId: parsed.eventId, topic: parsed.topic, event: parsed.event as ParcelUpdate });
  }
  return out;
}

describe('Loop label provider ↔ emulator contract', () => {
  it('creates the return through Draft Returns and hands back a label the shopper can print or show', async () => {
    const label = issued(await provider().requestLabel(request()));
    expect(label).toMatchObject({ provider: 'loop', carrier: 'Colissimo', shipBy: '2026-12-18' });
    expect(label.trackingNumber).toMatch(/^6A\d{11}$/);
    expect(label.returnAddress).toEqual(['Comptoir Demo — Returns', 'Comptoir Demo', '12 rue des Entrepôts', '69007 Lyon', 'FR']);
    const state = await loop.control('state');
    expect(state.body.returns).toHaveLength(1);
    expect(state.body.returns[0]).toMatchObject({ id: label.providerReturnId, order_name: '#1001', state: 'open' });
    expect(state.body.returns[0].line_items).toMatchObject([{ provider_line_item_id: '15870001001', quantity: 1, return_reason: 'Too small' }]);

    const pdf = await fetch(label.labelUrl!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const document = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(document.getPageCount()).toBe(1);
    const qr = new Uint8Array(await (await fetch(label.qrCodeUrl!)).arrayBuffer());
    expect([...qr.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('finds the return an earlier attempt made instead of making a second one', async () => {
    const first = issued(await provider().requestLabel(request()));
    const again = issued(await provider().requestLabel(request()));
    expect(again.providerReturnId).toBe(first.providerReturnId);
    expect((await loop.control('state')).body.returns).toHaveLength(1);
    expect((await loop.api('GET', `/warehouse/return/${first.providerReturnId}/notes`)).body.notes).toMatchObject([{ content: toCaseNote('case_01JD') }]);
    // Another case on the same order is another return.
    const other = issued(await provider().requestLabel(request({ caseId: 'case_02XY' })));
    expect(other.providerReturnId).not.toBe(first.providerReturnId);
  });

  it('adopts the return an attempt submitted but could not note, instead of being refused for the same units', async () => {
    // An earlier attempt got as far as submit, then stopped before writing its note.
    const draft = (await loop.api('POST', '/draft-returns', { order_name: '#1001', secondary_input: '75011' })).body;
    await loop.api('POST', `/draft-returns/${draft.draft_return.id}/returning-items`, { line_item_id: 7001, return_reason_id: 101, quantity: 1 });
    await loop.api('POST', `/draft-returns/${draft.draft_return.id}/finalize-items`);
    const submitted = (await loop.api('POST', `/draft-returns/${draft.draft_return.id}/submit`)).body;
    const label = issued(await provider().requestLabel(request()));
    expect(label.providerReturnId).toBe(String(submitted.draft_return.return_id));
    expect((await loop.control('state')).body.returns).toHaveLength(1);
    expect((await loop.api('GET', `/warehouse/return/${label.providerReturnId}/notes`)).body.notes).toMatchObject([{ content: toCaseNote('case_01JD') }]);
    // A return of other lines is not ours: this case gets its own.
    const scarf = request({ caseId: 'case_03SC', lines: [{ ...request().lines[0]!, lineItemId: 'gid://shopify/LineItem/15870001002', title: 'Wool scarf' }] });
    expect(issued(await provider().requestLabel(scarf)).providerReturnId).not.toBe(label.providerReturnId);
  });

  it('falls back to the deep link into Loop’s portal where the plan has no Draft Returns', async () => {
    await loop.control('plan', { draftReturns: false });
    const result = await provider().requestLabel(request());
    expect(result).toMatchObject({ status: 'pending', providerReturnId: 'order:#1001' });
    const portalUrl = (result as { portalUrl: string }).portalUrl;
    expect(portalUrl).toMatch(/\/__sandbox\/loop\/link\/[0-9a-f-]{36}$/);
    expect((await fetch(portalUrl)).status).toBe(200);
    expect(await provider().getStatus('order:#1001')).toBeNull();
    // The shopper finishes in Loop's portal: the status read now finds that return.
    await fetch(portalUrl, { method: 'POST', redirect: 'manual' });
    expect(await provider().getStatus('order:#1001')).toMatchObject({ provider: 'loop', step: 'label_issued' });
  });

  it('reports Loop’s refusal (422) as a refused label, not a failure', async () => {
    await loop.control('plan', { unavailableOrders: ['#1001'] });
    expect(await provider().requestLabel(request())).toMatchObject({ status: 'refused', code: 'returns-unavailable-for-order' });
    expect(await provider().requestLabel(request({ shippingZip: '99999' }))).toMatchObject({ status: 'refused', code: 'order-not-found' });
    const tooMany = request({ lines: [{ ...request().lines[0]!, quantity: 3 }] });
    expect(await provider().requestLabel(tooMany)).toMatchObject({ status: 'refused', code: 'item-not-returnable' });
  });

  it('cancels a return, and a second cancel is not an error', async () => {
    const label = issued(await provider().requestLabel(request()));
    await provider().cancelLabel(label.providerReturnId);
    await provider().cancelLabel(label.providerReturnId);
    expect(await provider().getStatus(label.providerReturnId)).toMatchObject({ step: 'return_cancelled' });
    const raw = await loop.api('POST', `/warehouse/return/${label.providerReturnId}/cancel`);
    expect(raw).toMatchObject({ status: 422, body: { errors: { code: 'UNPROCESSABLE_RETURN' } } });
  });

  it('reads where the return is now, as its webhooks would say it', async () => {
    const label = issued(await provider().requestLabel(request()));
    await loop.control(`returns/${label.providerReturnId}/in-transit`, {});
    expect(await provider().getStatus(label.providerReturnId)).toMatchObject({ step: 'in_transit', label: { trackingNumber: label.trackingNumber } });
    await loop.control(`returns/${label.providerReturnId}/receive`, {});
    await loop.control(`returns/${label.providerReturnId}/refund`, {});
    expect(await provider().getStatus(label.providerReturnId)).toMatchObject({
      step: 'refunded', refund: { amount: { amount: '49.00', currencyCode: 'EUR' }, method: 'original_payment' },
    });
    expect(await provider().getStatus('99999999')).toBeNull();
  });

  it('a wrong key is a 401 with Loop’s published body, not retryable', async () => {
    const raw = await loop.api('GET', '/warehouse/return/list', undefined, 'wrong-key');
    expect(raw).toMatchObject({ status: 401, body: { error: { code: '401', http_code: 'GEN-UNAUTHORIZED', message: 'Unauthorized.' } } });
    const error = await failure(provider({ apiKey: 'wrong-key' }).requestLabel(request()));
    expect(error).toMatchObject({ service: 'loop', status: 401, code: 'UNAUTHORIZED', retryable: false });
  });

  it('a 429 is retryable with its Retry-After, and the client holds its next call that long', async () => {
    await loop.control('faults', { storm429: 1 });
    const loopClient = client();
    const error = await failure(loopClient.getReturnDetails('1'));
    expect(error).toMatchObject({ service: 'loop', status: 429, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
    waits.length = 0;
    await expect(loopClient.listReturns({ from: new Date(now - 86_400_000), to: new Date(now) })).resolves.toEqual([]);
    expect(waits).toEqual([1000]);
  });

  it('answers 429 past 300 requests a minute, until the minute turns', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 301; i++) statuses.push((await loop.api('GET', '/warehouse/return/list')).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(300);
    const refused = await loop.api('GET', '/warehouse/return/list');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    now += 60_000;
    expect((await loop.api('GET', '/warehouse/return/list')).status).toBe(200);
  });

  it('an outage or a server error is retryable', async () => {
    await loop.control('faults', { downForSeconds: 30 });
    expect(await failure(client().getReturnDetails('1'))).toMatchObject({ status: 503, retryable: true, retryAfterSeconds: 30 });
    await loop.control('faults', { errorRate: 1 });
    expect(await failure(client().getReturnDetails('1'))).toMatchObject({ status: 500, code: 'HTTP_500', retryable: true });
  });

  it('refuses malformed requests with 422 validation bodies and unknown routes loudly', async () => {
    const missing = await loop.api('POST', '/draft-returns', { order_name: '#1001' });
    expect(missing).toMatchObject({ status: 422, body: { errors: { secondary_input: ['The secondary input field is required.'] } } });
    expect((await loop.api('GET', '/warehouse/return/list?from=yesterday')).status).toBe(422);
    expect((await loop.api('GET', '/returns/everything')).status).toBe(404);
  });
});

describe('Loop webhooks ↔ our verifier and parser', () => {
  it('every change reaches the portal signed over PHP-style JSON, and parses into the right update', async () => {
    const label = issued(await provider().requestLabel(request()));
    // Loop promises no order between concurrent deliveries: each step waits for the last one's.
    await loop.emulator.hub.idle();
    for (const step of ['in-transit', 'delivered', 'receive', 'refund']) {
      await loop.control(`returns/${label.providerReturnId}/${step}`, {});
      await loop.emulator.hub.idle();
    }
    expect(sink.received.find((r) => r.body.includes('"return.created"'))!.body).toContain('\\/__sandbox\\/loop\\/labels\\/');
    const updates = await receivedUpdates();
    expect(updates.slice(0, 2).map((u) => `${u.topic} ${u.event.step}`).sort()).toEqual(['label.created label_issued', 'return.created label_issued']);
    expect(updates.slice(2).map((u) => [u.topic, u.event.step])).toEqual([
      ['label.updated', 'in_transit'], ['label.updated', 'delivered_to_store'], ['return.closed', 'received_by_store'], ['return.updated', 'refunded'],
    ]);
    expect(updates.every((u) => u.event.providerReturnId === label.providerReturnId)).toBe(true);
    expect(updates.find((u) => u.topic === 'return.created')!.event.label).toMatchObject({ labelUrl: label.labelUrl, trackingNumber: label.trackingNumber });
    expect(updates.at(-1)!.event.refund).toEqual({ amount: { amount: '49.00', currencyCode: 'EUR' }, method: 'original_payment' });
    expect(new Set(updates.map((u) => u.eventId)).size).toBe(updates.length);
  });

  it('a tampered body or a missing signature is refused', async () => {
    await provider().requestLabel(request());
    await loop.emulator.hub.idle();
    const { body, headers } = sink.received.find((r) => r.body.includes('"return.created"'))!;
    const verifier = createLoopWebhookVerifier({ webhookSecret: SANDBOX_LOOP.webhookSecret });
    const tampered = body.replace('"open"', '"closed"');
    expect(await verifier.verify(new Request(sink.url, { method: 'POST', headers, body: tampered }), tampered)).toEqual({ ok: false, reason: 'invalid_signature' });
    const { 'x-loop-signature': _dropped, ...unsigned } = headers;
    expect(await verifier.verify(new Request(sink.url, { method: 'POST', headers: unsigned, body }), body)).toEqual({ ok: false, reason: 'missing_signature' });
  });

  it('retries a delivery the portal did not take, and duplicates share one dedupe key', async () => {
    sink.answerWith(503);
    await loop.control('webhooks', { duplicate: true });
    const label = issued(await provider().requestLabel(request()));
    setTimeout(() => sink.answerWith(200), 5);
    await loop.emulator.hub.idle();
    const state = await loop.control('state');
    expect(state.body.deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    expect(Math.max(...state.body.deliveries.map((d: { attempts: number }) => d.attempts))).toBeGreaterThan(1);
    sink.received.length = 0;
    await loop.control(`returns/${label.providerReturnId}/in-transit`, {});
    const updates = await receivedUpdates();
    expect(updates).toHaveLength(2);
    expect(updates[0]!.eventId).toBe(updates[1]!.eventId);
  });

  it('delayed switch holds deliveries back after the change', async () => {
    await loop.control('webhooks', { delayMs: 300 });
    await provider().requestLabel(request());
    expect(sink.received).toHaveLength(0);
    expect((await receivedUpdates()).map((u) => u.topic).sort()).toEqual(['label.created', 'return.created']);
  });

  it('out-of-order switch sends the later event first', async () => {
    const label = issued(await provider().requestLabel(request()));
    await loop.emulator.hub.idle();
    sink.received.length = 0;
    await loop.control('webhooks', { outOfOrder: true });
    await loop.control(`returns/${label.providerReturnId}/in-transit`, {});
    await loop.control(`returns/${label.providerReturnId}/delivered`, {});
    expect((await receivedUpdates()).map((u) => u.event.step)).toEqual(['delivered_to_store', 'in_transit']);
  });
});
