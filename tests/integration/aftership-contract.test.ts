import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAftershipClient, type AftershipClientConfig } from '~/integrations/aftership/client.server';
import { readAftershipErrorDetail } from '~/integrations/aftership/errors.server';
import { createAftershipLabelProvider, toAftershipStoreId } from '~/integrations/aftership/label-provider.server';
import { createAftershipWebhookSource } from '~/integrations/aftership/webhook-source.server';
import type { LabelRequest } from '~/labels/ports';
import { createAftershipEmulator } from '~/sandbox/aftership/emulator.server';
import type { EmulatedOrder } from '~/sandbox/aftership/orders.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { isUpstreamError, type UpstreamError } from '~/utils/upstream-error';
import type { ParcelUpdate } from '~/labels/ports';
import { loadAftershipOracle } from './support/aftership-openapi';

/**
 * Contract: the real AfterShip client, label provider and webhook verifier/parser against the
 * AfterShip emulator over HTTP; and every answer the emulator gives, checked against AfterShip's
 * published Returns API description (2026-07). Both sides were written from the vendor's docs; a
 * disagreement here is a bug in one of them.
 */
const KEY = 'contract-aftership-key';
const SECRET = 'contract-webhook-secret';
const ORDER: EmulatedOrder = {
  externalId: '6410001017', name: '#1017', number: '1017', email: 'lea.martin@example.com', locale: 'fr-FR', placedAt: '2026-02-01T09:00:00.000Z',
  currency: 'EUR',
  shippingAddress: { name: 'Léa Martin', address1: '8 rue Oberkampf', address2: null, city: 'Paris', province: null, zip: '75011', countryCode: 'FR', phone: null },
  lines: [
    { externalId: '15870001101', productId: '8790001001', variantId: '46210001001', sku: 'LIN-SHIRT-M', title: 'Linen shirt', variantTitle: 'M', quantity: 2, unitPrice: '59.00' },
    { externalId: '15870001102', productId: '8790001002', variantId: '46210001002', sku: 'WOOL-SCARF', title: 'Wool scarf', variantTitle: null, quantity: 1, unitPrice: '35.50' },
    { externalId: '15870001103', productId: '8790001003', variantId: '46210001003', sku: 'CANVAS-TOTE', title: 'Canvas tote', variantTitle: null, quantity: 3, unitPrice: '19.90' },
  ],
};

let now = Date.parse('2026-03-01T10:00:00Z');
const received: Array<{ headers: Headers; body: string }> = [];
/** The portal's answers to come: the next N deliveries get a 500. */
let failNext = 0;
let receiver: Server;
let server: Server;
let baseUrl = '';
let emulator: ReturnType<typeof createAftershipEmulator>;
const oracle = loadAftershipOracle();
const answers: Array<{ method: string; path: string; status: number; body: unknown }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: new Headers(req.headers as Record<string, string>), body: Buffer.concat(chunks).toString('utf8') });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  emulator = createAftershipEmulator({
    clock: () => new Date(now), apiKey: KEY, webhookSecret: SECRET, orders: [ORDER], storeId: 'contract-store',
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/aftership`, webhookRetryDelaysMs: [20, 40],
  });
  server = createServer(toNodeHandler((request) => emulator.handle(request)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/returns/2026-07`;
});
afterAll(async () => {
  await emulator.webhooks.idle();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(async () => {
  await emulator.webhooks.idle();
  emulator.reset();
  received.length = 0;
  failNext = 0;
  now += 60_000; // a fresh rate-limit window for each test
});

/** Every answer the client gets is recorded, to be checked against the vendor's description. */
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(String(input));
  const text = await response.clone().text();
  answers.push({ method: init?.method ?? 'GET', path: url.pathname.replace(/^\/returns\/2026-07/, ''), status: response.status, body: text ? JSON.parse(text) : null });
  return response;
};
const sleeps: number[] = [];
const client = (over: Partial<AftershipClientConfig> = {}) =>
  createAftershipClient({ baseUrl, apiKey: KEY, fetch: recordingFetch, clock: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; }, ...over });
const failure = async (work: Promise<unknown>): Promise<UpstreamError> => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (!isUpstreamError(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
};
const createBody = (lines: Array<[string, number]> = [['15870001101', 1]], destination: 'original_payment' | 'store_credit' = 'original_payment') => ({
  order: { external_id: ORDER.externalId, store: { platform: 'shopify' as const, external_id: 'contract-store' } },
  return_items: lines.map(([id, quantity]) => ({ external_order_item_id: id, intended_return_quantity: quantity, return_reason: 'Too small', resolution: 'refund' as const })),
  return_method: { type: 'retailer_label' as const },
  refund_destination: destination,
});
const labelRequest = (over: Partial<LabelRequest> = {}): LabelRequest => ({
  caseId: '0b7f1c9e-4a52-4c1e-9a57-3f0d2b8c6e11', orderId: `gid://shopify/Order/${ORDER.externalId}`, orderName: '#1017',
  customerEmail: ORDER.email, shippingZip: '75011', shipFrom: null, refundMethod: 'original_payment', language: 'fr',
  lines: [{ lineItemId: 'gid://shopify/LineItem/15870001101', title: 'Linen shirt', sku: 'LIN-SHIRT-M', quantity: 2, reasonId: 'too_small', reasonText: 'Trop petit', note: null }],
  ...over,
});
const control = async (path: string, body: unknown) => {
  const response = await fetch(`${baseUrl.replace(/\/returns\/2026-07$/, '')}/__sandbox/aftership/${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() as any };
};

describe('AfterShip client ↔ emulator contract', () => {
  it('creates a return, approves it with a label, and reads the label back', async () => {
    const aftership = client();
    const created = await aftership.createReturn(createBody());
    expect(created).toMatchObject({ approval_status: 'submitted', order: { order_name: '#1017' }, shipments: [] });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    const approved = await aftership.approveReturn(created.id, { notify_customer: false, generate_label: true, customize_label_info: { label_reference: 'case-1' } });
    expect(approved.approval_status).toBe('approved');
    const read = await aftership.getReturn(created.id);
    const shipment = read.shipments[0]!;
    expect(shipment).toMatchObject({ slug: 'colissimo', tracking_number: expect.stringMatching(/^6A\d{11}FR$/) });
    const pdf = await fetch(shipment.label!.url!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const qr = await fetch(shipment.label!.qr_code_url!);
    expect(Buffer.from(await qr.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });

  it('lists an order\'s returns page by page', async () => {
    const aftership = client();
    for (const id of ['15870001101', '15870001102', '15870001103']) await aftership.createReturn(createBody([[id, 1]]));
    const first = await aftership.listReturns({ orderName: '#1017', limit: 2 });
    expect(first.returns).toHaveLength(2);
    expect(first.pagination).toMatchObject({ total: 3, page: 1, limit: 2, has_next_page: true });
    const second = await aftership.listReturns({ orderName: '#1017', limit: 2, page: 2 });
    expect(second.returns).toHaveLength(1);
    expect(second.pagination.has_next_page).toBe(false);
    expect(await aftership.listReturnsOfOrder('#1017')).toHaveLength(3);
    expect(await aftership.listReturnsOfOrder('#9999')).toEqual([]);
  });

  it('maps 404, 409 and 422 envelopes to typed errors', async () => {
    const aftership = client();
    const missing = await failure(aftership.getReturn('0123456789abcdef0123456789abcdef'));
    expect(missing).toMatchObject({ service: 'aftership', status: 404, code: 'NOT_FOUND', retryable: false });
    const created = await aftership.createReturn(createBody());
    await aftership.approveReturn(created.id, { notify_customer: false, generate_label: true });
    const twice = await failure(aftership.approveReturn(created.id, { notify_customer: false, generate_label: true }));
    expect(twice).toMatchObject({ status: 409, code: 'CONFLICT', retryable: false });
    const tooMany = await failure(aftership.createReturn(createBody([['15870001101', 2]])));
    expect(tooMany).toMatchObject({ status: 422, code: 'UNPROCESSABLE', retryable: false });
    expect(readAftershipErrorDetail(tooMany)).toMatchObject({ metaCode: 42200, fields: ['return_items[0].intended_return_quantity'] });
    const unknownLine = await failure(aftership.createReturn(createBody([['999', 1]])));
    expect(unknownLine.code).toBe('UNPROCESSABLE');
  });

  it('refuses a wrong API key with 401, not worth retrying', async () => {
    const error = await failure(client({ apiKey: 'not-the-key' }).getReturn('0123456789abcdef0123456789abcdef'));
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', retryable: false });
  });

  it('on 429 reports retry-after, and the next call waits for it and goes through', async () => {
    const aftership = client();
    await control('faults', { storm429: 1 });
    sleeps.length = 0;
    const throttled = await failure(aftership.listReturns({}));
    expect(throttled).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
    const page = await aftership.listReturns({});
    expect(page.returns).toEqual([]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
  });

  it('stays under 10 requests per second: 25 calls, no 429', async () => {
    const aftership = client();
    sleeps.length = 0;
    for (let i = 0; i < 25; i++) await aftership.listReturns({});
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
  });

  it('the emulator itself answers the 11th request of a second with 429 and ratelimit headers', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 11; i++) {
      last = await fetch(`${baseUrl}/returns`, { headers: { 'as-api-key': KEY } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('1');
    expect(last!.headers.get('ratelimit-limit')).toBe('10');
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('ratelimit-reset'))).toBe(Math.floor(now / 1000) + 1);
    expect(await last!.json()).toMatchObject({ meta: { code: 42900 }, data: null });
  });
});

describe('AfterShip label provider against the emulator', () => {
  it('issues one label per case, however often it is asked', async () => {
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const first = await provider.requestLabel(labelRequest());
    expect(first).toMatchObject({ status: 'issued', label: { provider: 'aftership', carrier: 'Colissimo', labelUrl: expect.stringContaining('.pdf'), qrCodeUrl: expect.stringContaining('qr.png') } });
    if (first.status !== 'issued') throw new Error('not issued');
    expect(first.label.returnAddress).toEqual(['Maison Lumière — Service retours', 'Entrepôt des Canuts', '14 rue des Artisans', '69004 Lyon', 'FRA']);
    const again = await provider.requestLabel(labelRequest());
    expect(again).toEqual(first);
    const all = await client().listReturnsOfOrder('#1017');
    expect(all).toHaveLength(1);
  });

  it('finishes an earlier attempt that created the return but never approved it', async () => {
    const aftership = client();
    const earlier = await aftership.createReturn(createBody([['15870001101', 2]]));
    const provider = createAftershipLabelProvider(aftership, { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const result = await provider.requestLabel(labelRequest());
    expect(result).toMatchObject({ status: 'issued', label: { providerReturnId: earlier.id } });
    expect(await aftership.listReturnsOfOrder('#1017')).toHaveLength(1);
  });

  it('two attempts racing for one case end with one return, both issued', async () => {
    const store = { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') };
    const [a, b] = await Promise.all([createAftershipLabelProvider(client(), store).requestLabel(labelRequest()), createAftershipLabelProvider(client(), store).requestLabel(labelRequest())]);
    expect(a.status).toBe('issued');
    expect(b).toEqual(a);
    expect(await client().listReturnsOfOrder('#1017')).toHaveLength(1);
  });

  it('answers pending (with the returns page) when the label comes later', async () => {
    await control('labels', { defer: true });
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const result = await provider.requestLabel(labelRequest());
    expect(result).toMatchObject({ status: 'pending', portalUrl: expect.stringContaining('/__sandbox/aftership/returns-page?order=1017') });
  });

  it('is refused, not retried, when AfterShip will not take the return', async () => {
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const result = await provider.requestLabel(labelRequest({ lines: [{ ...labelRequest().lines[0]!, quantity: 5 }] }));
    expect(result).toMatchObject({ status: 'refused', code: 'aftership_unprocessable' });
  });

  it('cancels by rejecting (twice is fine) and reads each status as a ParcelUpdate', async () => {
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const issued = await provider.requestLabel(labelRequest());
    if (issued.status !== 'issued') throw new Error('not issued');
    const id = issued.label.providerReturnId;
    expect(await provider.getStatus(id)).toMatchObject({ provider: 'aftership', providerReturnId: id, step: 'label_issued', caseId: null });
    await control('advance', { return: id, to: 'in_transit' });
    expect((await provider.getStatus(id))?.step).toBe('in_transit');
    await provider.cancelLabel(id);
    await provider.cancelLabel(id);
    expect((await provider.getStatus(id))?.step).toBe('return_cancelled');
    expect(await provider.getStatus('0123456789abcdef0123456789abcdef')).toBeNull();
  });
});

describe("the emulator's webhooks", () => {
  const source = createAftershipWebhookSource({ webhookSecret: SECRET }, 'labels.apply-webhook');
  const read = (delivery: { headers: Headers; body: string }) =>
    source.read(new Request('http://127.0.0.1/webhooks/aftership', { method: 'POST', headers: delivery.headers, body: delivery.body }), delivery.body);

  it('verify with our verifier and parse to each step of the way back', async () => {
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const issued = await provider.requestLabel(labelRequest({ refundMethod: 'store_credit' }));
    if (issued.status !== 'issued') throw new Error('not issued');
    const id = issued.label.providerReturnId;
    for (const to of ['in_transit', 'delivered', 'received', 'store_credit']) expect((await control('advance', { return: id, to })).status).toBe(200);
    await emulator.webhooks.idle();
    const parsed = await Promise.all(received.map(read));
    const updates = parsed.map((p) => (p.ok ? (p.event as ParcelUpdate) : null));
    expect(updates.map((u) => u?.step)).toEqual(['label_issued', 'in_transit', 'delivered_to_store', 'received_by_store', 'store_credit_issued']);
    expect(updates.every((u) => u?.providerReturnId === id)).toBe(true);
    expect(updates[4]?.refund).toEqual({ amount: { amount: '118.00', currencyCode: 'EUR' }, method: 'store_credit' });
    const ids = parsed.map((p) => (p.ok ? p.eventId : null));
    expect(new Set(ids).size).toBe(5);
    for (const delivery of received) expect(oracle.checkReturn(JSON.parse(delivery.body).data)).toEqual([]);
  });

  it('a rejected and an expired return arrive as cancelled and expired', async () => {
    const aftership = client();
    const a = await aftership.createReturn(createBody([['15870001102', 1]]));
    const b = await aftership.createReturn(createBody([['15870001103', 1]]));
    await aftership.rejectReturn(a.id, { reject_reason: 'Outside the window', notify_customer: false });
    await control('advance', { return: b.id, to: 'expired' });
    await emulator.webhooks.idle();
    const steps = (await Promise.all(received.map(read))).map((p) => (p.ok ? (p.event as ParcelUpdate).step : null));
    expect(steps).toEqual(['return_cancelled', 'label_expired']);
  });

  it('sends duplicates with the same id, and a wrong secret does not verify', async () => {
    await control('webhooks', { duplicate: true });
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    await provider.requestLabel(labelRequest());
    await emulator.webhooks.idle();
    expect(received).toHaveLength(2);
    const [one, two] = await Promise.all(received.map(read));
    expect(one).toMatchObject({ ok: true });
    expect(one && 'eventId' in one && two && 'eventId' in two && one.eventId === two.eventId).toBe(true);
    const forged = createAftershipWebhookSource({ webhookSecret: 'another-secret' }, 'labels.apply-webhook');
    const refused = await forged.read(new Request('http://127.0.0.1/webhooks/aftership', { method: 'POST', headers: received[0]!.headers, body: received[0]!.body }), received[0]!.body);
    expect(refused).toEqual({ ok: false, unsigned: 'invalid_hmac' });
  });

  it('retries a delivery the portal did not take, with the same id, until it does', async () => {
    failNext = 2;
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    await provider.requestLabel(labelRequest());
    await emulator.webhooks.idle();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((d) => JSON.parse(d.body).id)).size).toBe(1);
    expect(emulator.webhooks.deliveries()[0]).toMatchObject({ event: 'return.approved', attempts: 3, status: 'delivered', lastStatus: 200 });
  });

  it('late: the delay switch holds each delivery back', async () => {
    await control('webhooks', { delayMs: 150 });
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const started = Date.now();
    await provider.requestLabel(labelRequest());
    expect(received).toHaveLength(0);
    await emulator.webhooks.idle();
    expect(received).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('out of order: each delivery is held until the next one has gone', async () => {
    await control('webhooks', { outOfOrder: true });
    const provider = createAftershipLabelProvider(client(), { storeExternalId: toAftershipStoreId('contract-store.myshopify.com') });
    const issued = await provider.requestLabel(labelRequest());
    if (issued.status !== 'issued') throw new Error('not issued');
    await emulator.webhooks.idle();
    expect(received).toHaveLength(0);
    await control('advance', { return: issued.label.providerReturnId, to: 'in_transit' });
    await emulator.webhooks.idle();
    const events = received.map((d) => JSON.parse(d.body).event);
    expect(events).toEqual(['return.shipment.updated', 'return.approved']);
  });
});

describe("the emulator's answers against AfterShip's published Returns API description", () => {
  it('every documented answer the client received validates against the vendor schema', () => {
    const documented = answers.filter((a) => oracle.documents(a.method, a.path, a.status));
    expect(documented.length).toBeGreaterThan(20);
    for (const answer of documented) expect(oracle.check(answer.method, answer.path, answer.status, answer.body), `${answer.method} ${answer.path} ${answer.status}`).toEqual([]);
    const kinds = new Set(documented.map((a) => `${a.method} ${a.path.replace(/[0-9a-f]{32}/, '{id}')} ${a.status}`));
    for (const expected of ['POST /returns 201', 'GET /returns 200', 'GET /returns/{id} 200', 'POST /returns/{id}/approve 202', 'POST /returns/{id}/reject 200', 'POST /returns 422']) {
      expect(kinds).toContain(expected);
    }
  });

  it('the oracle refuses what AfterShip would never send', () => {
    const ok = { meta: { code: 20000, type: 'OK', message: 'OK' } };
    expect(oracle.check('GET', '/returns/abc', 200, { ...ok, data: { id: 'abc', approval_status: 'shipped' } })).not.toEqual([]);
    expect(oracle.check('GET', '/returns/abc', 200, { ...ok, data: { id: 'abc', shipping_address: { street_1: '1 rue' } } })).not.toEqual([]);
    expect(oracle.check('GET', '/returns/abc', 200, { ...ok, data: { id: 'abc', refunds: [{ gateway: 'shopify_payments' }] } })).not.toEqual([]);
  });

  it('every error answer is the documented error envelope', () => {
    const errors = answers.filter((a) => a.status >= 400);
    expect(errors.length).toBeGreaterThan(3);
    for (const answer of errors) {
      expect(answer.body).toMatchObject({ meta: { code: expect.any(Number), type: expect.any(String), message: expect.any(String) }, data: null });
      expect(oracle.check('POST', '/returns/rma/x/approve', 404, answer.body)).toEqual([]);
    }
  });
});
