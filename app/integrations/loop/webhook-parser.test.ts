import { describe, expect, it } from 'vitest';
import { parseLoopWebhook } from './webhook-parser';

const delivery = { receivedSignature: 'x' };
const parse = (payload: unknown) => parseLoopWebhook(delivery, typeof payload === 'string' ? payload : JSON.stringify(payload));
const event = (payload: unknown) => {
  const parsed = parse(payload);
  if (!parsed.ok) throw new Error(`dropped: ${parsed.why}`);
  return parsed.event;
};

/** Loop's published label example, with the label status under test. */
const label = (labelStatus: string, over: Record<string, unknown> = {}) => ({
  topic: 'label', trigger: 'label.updated', shop_id: '9876', return_id: '12345', order_id: '1234567890', provider_order_id: 1029384756,
  carrier: 'USPS', tracking_number: '28735625627856237856287', label_status: labelStatus, label_updated_at: '2019-04-01T12:00:00+00:00', ...over,
});

/** Loop's published return example (trimmed), ids as integers where the docs show them so. */
const loopReturn = (over: Record<string, unknown> = {}) => ({
  topic: 'return', trigger: 'return.updated', shop_id: 12345, id: 1673, state: 'open', created_at: '2023-05-01T12:00:00Z',
  updated_at: '2023-05-02T15:00:00Z', total: '48.81', order_id: 2871, order_name: '#47727779', currency: 'USD',
  status_page_url: 'https://example.loopreturns.com/#/return/b3e4764e', refunds: [],
  labels: [{ status: 'new', updated_at: '2024-02-02T21:19:04.000Z', url: 'https://partner.loopreturns.com/label/12345456', carrier: 'USPS', tracking_number: 123456789101112 }],
  ...over,
});

describe('Loop label webhooks', () => {
  it.each([
    ['pre_transit', 'label_issued'], ['new', 'label_issued'], ['in_transit', 'in_transit'], ['out_for_delivery', 'in_transit'],
    ['delivered', 'delivered_to_store'], ['failure', null], ['error', null], ['N/A', null],
  ])('label_status %s is step %s', (status, step) => {
    expect(event(label(status))).toMatchObject({ provider: 'loop', providerReturnId: '12345', step, caseId: null });
  });

  it('carries the carrier, tracking number and time, and reads an older `id` for the return', () => {
    expect(event(label('in_transit', { return_id: undefined, id: 777 }))).toEqual({
      provider: 'loop', providerReturnId: '777', caseId: null, step: 'in_transit', occurredAt: new Date('2019-04-01T12:00:00Z'),
      label: { carrier: 'USPS', trackingNumber: '28735625627856237856287' }, refund: null,
    });
  });
});

describe('Loop return webhooks', () => {
  it('an open return with a new label is issued, with the label facts and a deadline 28 days on', () => {
    expect(event(loopReturn())).toMatchObject({
      providerReturnId: '1673', step: 'label_issued', occurredAt: new Date('2023-05-02T15:00:00Z'),
      label: { carrier: 'USPS', trackingNumber: '123456789101112', labelUrl: 'https://partner.loopreturns.com/label/12345456', shipBy: '2023-05-29', portalUrl: 'https://example.loopreturns.com/#/return/b3e4764e' },
    });
  });

  it.each([['closed', 'received_by_store'], ['cancelled', 'return_cancelled'], ['expired', 'label_expired']])('state %s is step %s', (state, step) => {
    expect(event(loopReturn({ state, trigger: state === 'closed' ? 'return.closed' : 'return.updated' }))).toMatchObject({ step, refund: null });
  });

  it('a closed return with refunds is refunded, summed to the cent (numbers or strings)', () => {
    const refunds = [{ gateway: 'Stripe', amount: 20, currency: 'USD' }, { gateway: 'Stripe', amount: '0.10', currency: 'USD' }];
    expect(event(loopReturn({ state: 'closed', refunds }))).toMatchObject({ step: 'refunded', refund: { amount: { amount: '20.10', currencyCode: 'USD' }, method: 'original_payment' } });
  });

  it('refunds to a gift card are store credit', () => {
    const refunds = [{ gateway: 'gift_card', amount: '15.00', currency: 'EUR' }];
    expect(event(loopReturn({ state: 'closed', refunds }))).toMatchObject({ step: 'store_credit_issued', refund: { method: 'store_credit' } });
  });

  it('reads triggers without their topic prefix, as an older page shows them', () => {
    expect(parse(loopReturn({ trigger: 'updated' }))).toMatchObject({ ok: true, topic: 'return.updated' });
  });
});

describe('dedupe keys and what is dropped', () => {
  it('the same event twice has one key; a later change has another', () => {
    const first = parse(label('in_transit'));
    const again = parse(JSON.stringify(label('in_transit')).replace(/\//g, '\\/'));
    const later = parse(label('delivered', { label_updated_at: '2019-04-02T09:00:00+00:00' }));
    expect(first.ok && again.ok && later.ok).toBe(true);
    if (!first.ok || !again.ok || !later.ok) return;
    expect(again.eventId).toBe(first.eventId);
    expect(later.eventId).not.toBe(first.eventId);
  });

  it.each([
    ['an unknown topic', { topic: 'restock', trigger: 'restock.requested' }, 'topic'],
    ['a topic with another topic’s trigger', { topic: 'label', trigger: 'return.created' }, 'topic'],
    ['a label without a return id', { topic: 'label', trigger: 'label.updated', label_status: 'in_transit' }, 'shape'],
    ['no topic', { id: 1 }, 'no_topic'],
  ])('%s is acknowledged and dropped', (_name, payload, why) => {
    expect(parse(payload)).toMatchObject({ ok: false, why });
  });

  it('a body that is not JSON is dropped, not thrown', () => {
    expect(parse('<html>')).toEqual({ ok: false, topic: 'unknown', why: 'not_json' });
  });
});
