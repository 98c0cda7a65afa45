import { describe, expect, it } from 'vitest';
import { ParcelUpdateSchema } from '~/labels/parcel-update';
import { parseAftershipWebhook } from './webhook-parser';
import { signAftershipWebhook } from './webhook-signature';
import { createAftershipWebhookVerifier } from './webhook-verifier.server';

/** A return snapshot as AfterShip sends it in `data`, trimmed to what matters, plus `over`. */
const snapshot = (over: Record<string, unknown> = {}) => ({
  id: '5f0c8a1b2c3d4e5f60718293a4b5c6d7', rma_number: 'K7PX2QMA', approval_status: 'approved', approved_at: '2026-03-02T10:00:00Z',
  order: { external_id: '6410001017', order_name: '#1017' }, return_items: [{ external_order_item_id: '15870001101', intended_return_quantity: 1 }],
  shipments: [], receivings: [], refunds: [], shipping_status: 'no_label', refund_destination: 'original_payment', ...over,
});
const shipment = (over: Record<string, unknown> = {}) => ({
  id: 's1', tracking_number: '6A12345678901FR', slug: 'colissimo', tracking_status: 'InfoReceived', created_at: '2026-03-02T10:00:05Z',
  tracking_status_updated_at: '2026-03-02T10:00:05Z',
  label: { url: 'https://labels.example/l.pdf', qr_code_url: 'https://labels.example/q.png', slug: 'colissimo' },
  ship_to: { contact_name: 'Returns', company_name: null, street_1: '14 rue des Artisans', street_2: null, city: 'Lyon', state: null, postal_code: '69004', country_region: { code: 'FRA' } },
  ...over,
});
const body = (event: string, data: unknown, id = '9d1c0e6f7a8b4c2d9e0f1a2b3c4d5e6f') =>
  JSON.stringify({ id, version: '2026-07', event, created_at: '2026-03-05T08:00:00.000Z', data });
const parse = (event: string, data: unknown) => parseAftershipWebhook({}, body(event, data));
const stepOf = (event: string, data: unknown) => {
  const parsed = parse(event, data);
  return parsed.ok ? (parsed.event as { step: string }).step : `ignored:${parsed.why}`;
};

describe('AfterShip webhook parser', () => {
  it('return.approved with a label is the label issued, with what the shopper needs', () => {
    const parsed = parse('return.approved', snapshot({ shipping_status: 'pending', shipments: [shipment()] }));
    expect(parsed).toMatchObject({
      ok: true, eventId: '9d1c0e6f7a8b4c2d9e0f1a2b3c4d5e6f', topic: 'return.approved', staleOrderId: null,
      event: {
        provider: 'aftership', providerReturnId: '5f0c8a1b2c3d4e5f60718293a4b5c6d7', caseId: null, step: 'label_issued', refund: null,
        occurredAt: new Date('2026-03-02T10:00:05Z'),
        label: { carrier: 'Colissimo', trackingNumber: '6A12345678901FR', labelUrl: 'https://labels.example/l.pdf', qrCodeUrl: 'https://labels.example/q.png', returnAddress: ['Returns', '14 rue des Artisans', '69004 Lyon', 'FRA'] },
      },
    });
  });

  it('what it reads is a ParcelUpdate as a webhook delivery stores it', () => {
    const parsed = parse('return.approved', snapshot({ shipping_status: 'pending', shipments: [shipment()] }));
    if (!parsed.ok) throw new Error('not parsed');
    const stored = JSON.parse(JSON.stringify(parsed.event));
    expect(ParcelUpdateSchema.parse(stored)).toEqual(parsed.event);
  });

  it('return.approved before its label moves nothing', () => {
    expect(stepOf('return.approved', snapshot())).toBe('ignored:no_step');
  });

  it('shipment events follow shipping_status, or the tracking tag', () => {
    expect(stepOf('return.shipment.provided', snapshot({ shipping_status: 'pending', shipments: [shipment()] }))).toBe('label_issued');
    expect(stepOf('return.shipment.updated', snapshot({ shipping_status: 'in_transit', shipments: [shipment({ tracking_status: 'InTransit' })] }))).toBe('in_transit');
    expect(stepOf('return.shipment.updated', snapshot({ shipping_status: 'pending', shipments: [shipment({ tracking_status: 'OutForDelivery' })] }))).toBe('in_transit');
    expect(stepOf('return.shipment.recorded', snapshot({ shipping_status: 'delivered', shipments: [shipment({ tracking_status: 'Delivered' })] }))).toBe('delivered_to_store');
    expect(stepOf('return.shipments.provided', snapshot({ shipping_status: 'received', shipments: [shipment()] }))).toBe('received_by_store');
  });

  it('a receiving is the store having the items', () => {
    const parsed = parse('return.receiving.created', snapshot({ shipping_status: 'received', receivings: [{ received_at: '2026-03-04T15:00:00Z' }] }));
    expect(parsed).toMatchObject({ ok: true, event: { step: 'received_by_store', occurredAt: new Date('2026-03-04T15:00:00Z') } });
  });

  it('return.resolved is a refund, added up across refunds, or store credit', () => {
    const refunds = [{ destination: 'original_payment', total: { amount: '59.00', currency: 'EUR' } }, { destination: 'original_payment', total: { amount: '0.95', currency: 'EUR' } }];
    const refunded = parse('return.resolved', snapshot({ approval_status: 'done', refunded_at: '2026-03-05T07:59:00Z', refunds }));
    expect(refunded).toMatchObject({ ok: true, event: { step: 'refunded', refund: { amount: { amount: '59.95', currencyCode: 'EUR' }, method: 'original_payment' } } });
    const credit = parse('return.resolved', snapshot({ approval_status: 'done', refunds: [{ destination: 'store_credit', total: { amount: '35.5', currency: 'eur' } }] }));
    expect(credit).toMatchObject({ ok: true, event: { step: 'store_credit_issued', refund: { amount: { amount: '35.5', currencyCode: 'EUR' }, method: 'store_credit' } } });
    expect(stepOf('return.resolved', snapshot({ approval_status: 'done' }))).toBe('ignored:no_step');
  });

  it('rejected and expired returns end the way back', () => {
    expect(stepOf('return.rejected', snapshot({ approval_status: 'rejected', rejected_at: '2026-03-03T00:00:00Z' }))).toBe('return_cancelled');
    expect(stepOf('return.expired', snapshot({ approval_status: 'expired' }))).toBe('label_expired');
  });

  it('drops unknown events, legacy events, and payloads of another shape', () => {
    expect(parse('return.exchange.order.created', snapshot())).toEqual({ ok: false, topic: 'return.exchange.order.created', why: 'topic' });
    expect(parse('return.updated', snapshot())).toMatchObject({ ok: false, why: 'topic' });
    expect(parse('return.approved', { rma_number: 'no id' })).toMatchObject({ ok: false, topic: 'return.approved', why: 'shape' });
    expect(parseAftershipWebhook({}, 'not json')).toMatchObject({ ok: false, why: 'not_json' });
  });

  it('the same event delivered twice has the same dedupe key', () => {
    const data = snapshot({ approval_status: 'rejected' });
    const first = parseAftershipWebhook({}, body('return.rejected', data, 'aaaa'));
    const again = parseAftershipWebhook({}, body('return.rejected', data, 'aaaa'));
    expect(first.ok && again.ok && first.eventId === again.eventId).toBe(true);
  });
});

describe('AfterShip webhook verifier', () => {
  const verifier = createAftershipWebhookVerifier({ secret: 'shh-its-a-secret' });
  const raw = body('return.rejected', snapshot());
  const request = (headers: Record<string, string>) => new Request('http://127.0.0.1/webhooks/aftership', { method: 'POST', headers, body: raw });

  it('takes as-signature-hmac-sha256 and the older am-webhook-signature', async () => {
    const signature = signAftershipWebhook('shh-its-a-secret', raw);
    expect(await verifier.verify(request({ 'as-signature-hmac-sha256': signature }), raw)).toEqual({ ok: true, delivery: { header: 'as-signature-hmac-sha256' } });
    expect(await verifier.verify(request({ 'am-webhook-signature': `hmac-sha256=${signature}` }), raw)).toEqual({ ok: true, delivery: { header: 'am-webhook-signature' } });
  });

  it('refuses a missing, a wrong, or a re-used signature over other bytes', async () => {
    expect(await verifier.verify(request({}), raw)).toEqual({ ok: false, reason: 'missing_hmac' });
    expect(await verifier.verify(request({ 'as-signature-hmac-sha256': signAftershipWebhook('other', raw) }), raw)).toEqual({ ok: false, reason: 'invalid_hmac' });
    expect(await verifier.verify(request({ 'am-webhook-signature': signAftershipWebhook('shh-its-a-secret', raw) }), raw)).toEqual({ ok: false, reason: 'invalid_hmac' });
    const signature = signAftershipWebhook('shh-its-a-secret', raw);
    expect(await verifier.verify(request({ 'as-signature-hmac-sha256': signature }), `${raw} `)).toEqual({ ok: false, reason: 'invalid_hmac' });
  });
});

describe('carrier names', () => {
  it('reads AfterShip slugs as the carrier’s name, known or not', async () => {
    const { toCarrierName } = await import('./parcel-update');
    expect(toCarrierName('colissimo')).toBe('Colissimo');
    expect(toCarrierName('dhl-express')).toBe('DHL Express');
    expect(toCarrierName('poste-italiane')).toBe('Poste Italiane');
    expect(toCarrierName(null)).toBeNull();
  });
});
