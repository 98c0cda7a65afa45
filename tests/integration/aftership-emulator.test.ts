import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAftershipEmulator, type RunningAftershipEmulator } from '~/sandbox/aftership/emulator-harness.test-helpers';
import type { EmulatedOrder } from '~/sandbox/aftership/orders.server';

/**
 * The AfterShip emulator at its HTTP boundary, as a person and a test reach it: the raw API's
 * refusals (auth, versions, methods, bad queries, an outage) and the control page's forms.
 */
const ORDER: EmulatedOrder = {
  externalId: '6410001009', name: '#1009', number: '1009', email: 'sam.keller@example.com', locale: 'en-US', placedAt: '2026-02-10T09:00:00.000Z', currency: 'USD',
  shippingAddress: { name: 'Sam Keller', address1: '210 Dean St', address2: null, city: 'Brooklyn', province: 'New York', zip: '11201', countryCode: 'US', phone: null },
  lines: [{ externalId: '15870002001', productId: '1', variantId: '2', sku: 'MUG', title: 'Stoneware mug', variantTitle: null, quantity: 2, unitPrice: '24.00' }],
};
const createBody = {
  order: { external_id: ORDER.externalId, store: { platform: 'shopify', external_id: 'comptoir-demo' } },
  return_items: [{ external_order_item_id: '15870002001', intended_return_quantity: 1, return_reason: 'Chipped', resolution: 'refund' }],
  return_method: { type: 'retailer_label' }, refund_destination: 'original_payment',
};

let now = Date.parse('2026-03-01T10:00:00Z');
let aftership: RunningAftershipEmulator;
beforeAll(async () => {
  aftership = await startAftershipEmulator({ orders: [ORDER], clock: () => new Date(now) });
});
afterAll(() => aftership.close());
beforeEach(() => {
  aftership.emulator.reset();
  now += 60_000;
});

describe('AfterShip emulator API', () => {
  it('refuses a missing key, an unknown version, an unknown path and a wrong method in the envelope', async () => {
    expect(await aftership.api('GET', '/returns', undefined, null)).toMatchObject({ status: 401, body: { meta: { code: 40100, type: 'Unauthorized' }, data: null } });
    const oldVersion = await fetch(`${aftership.url}/returns/2019-01/returns`, { headers: { 'as-api-key': 'sandbox-aftership-key' } });
    expect(oldVersion.status).toBe(404);
    expect(await aftership.api('GET', '/refunds')).toMatchObject({ status: 404, body: { meta: { code: 40400 } } });
    expect(await aftership.api('DELETE', '/returns')).toMatchObject({ status: 405, body: { meta: { code: 40500 } } });
  });

  it('checks list parameters as documented (limit 1–50, page 1–200)', async () => {
    expect(await aftership.api('GET', '/returns?limit=51')).toMatchObject({ status: 422, body: { meta: { code: 42200, errors: [{ path: 'limit' }] } } });
    expect(await aftership.api('GET', '/returns?page=0')).toMatchObject({ status: 422 });
    expect(await aftership.api('GET', '/returns?limit=50&page=200')).toMatchObject({ status: 200, body: { data: { returns: [], pagination: { page: 200, limit: 50, has_next_page: false } } } });
  });

  it('finds, approves and rejects by RMA number too', async () => {
    const created = await aftership.api('POST', '/returns', createBody);
    expect(created).toMatchObject({ status: 201, body: { meta: { code: 20100 }, data: { approval_status: 'submitted' } } });
    const rma = created.body.data.rma_number;
    expect(rma).toMatch(/^[A-Z2-9]{8}$/);
    expect(await aftership.api('GET', `/returns/rma/${rma}`)).toMatchObject({ status: 200, body: { data: { id: created.body.data.id } } });
    expect(await aftership.api('POST', `/returns/rma/${rma}/approve`, { generate_label: true })).toMatchObject({ status: 202, body: { meta: { code: 20200 }, data: { approval_status: 'approved', shipping_status: 'pending' } } });
    expect(await aftership.api('POST', `/returns/rma/${rma}/reject`, { reject_reason: '' })).toMatchObject({ status: 422, body: { meta: { errors: [{ path: 'reject_reason' }] } } });
    expect(await aftership.api('POST', `/returns/rma/${rma}/reject`, { reject_reason: 'Damaged by the shopper' })).toMatchObject({ status: 200, body: { data: { approval_status: 'rejected', shipping_status: 'void' } } });
    expect(await aftership.api('POST', `/returns/rma/${rma}/resolve`, {})).toMatchObject({ status: 409, body: { meta: { code: 40900, message: expect.stringContaining('to done') } } });
  });

  it('during an outage answers 503 with retry-after, and recovers', async () => {
    await aftership.control('faults', { downForSeconds: 30 });
    const down = await aftership.api('GET', '/returns');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    now += 31_000;
    expect((await aftership.api('GET', '/returns')).status).toBe(200);
  });
});

describe('AfterShip sandbox controls', () => {
  const post = (path: string, form: Record<string, string>, origin = aftership.url) => fetch(`${aftership.url}/__sandbox/aftership/${path}`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
  });

  it('the page lists each return with the buttons its state allows, and a form moves it along', async () => {
    const created = await aftership.api('POST', '/returns', createBody);
    await aftership.api('POST', `/returns/${created.body.data.id}/approve`, { generate_label: true });
    const page = await (await fetch(`${aftership.url}/__sandbox/aftership`)).text();
    expect(page).not.toContain('<script');
    expect(page).toContain(`Scan: in transit (${created.body.data.rma_number})`);
    expect(page).not.toContain(`Generate label (${created.body.data.rma_number})`);
    const moved = await post('advance', { return: created.body.data.id, to: 'delivered' });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toContain('/__sandbox/aftership?done=');
    expect((await aftership.api('GET', `/returns/${created.body.data.id}`)).body.data.shipping_status).toBe('delivered');
    const backwards = await post('advance', { return: created.body.data.id, to: 'in_transit' });
    expect(backwards.headers.get('location')).toContain('error=The+parcel+is+already+delivered');
    const after = await (await fetch(`${aftership.url}${backwards.headers.get('location')}`)).text();
    expect(after).toContain('role="alert"');
  });

  it('refuses a form posted from another site', async () => {
    const created = await aftership.api('POST', '/returns', createBody);
    const forged = await post('advance', { return: created.body.data.id, to: 'rejected' }, 'https://evil.example');
    expect(forged.status).toBe(403);
    expect((await aftership.api('GET', `/returns/${created.body.data.id}`)).body.data.approval_status).toBe('submitted');
  });

  it('takes fault and webhook switches from the page forms', async () => {
    expect((await post('faults', { errorRate: '0', storm429: '2', downForSeconds: '0', latencyMs: '0' })).status).toBe(303);
    expect((await aftership.api('GET', '/returns')).status).toBe(429);
    expect((await post('webhooks', { duplicate: 'on', delayMs: '0' })).status).toBe(303);
    const state = await (await fetch(`${aftership.url}/__sandbox/aftership/state`)).json() as { switches: Record<string, unknown> };
    expect(state.switches).toEqual({ duplicate: true, outOfOrder: false, delayMs: 0 });
  });
});
