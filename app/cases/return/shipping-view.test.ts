import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../case-store';
import type { CaseState } from '../case-state';
import { toReturnShippingView } from './shipping-view';

let nextId = 1;
const at = (day: number) => new Date(Date.UTC(2026, 11, day, 10));
const event = (type: string, day: number, data: CaseEvent['data'] = {}): CaseEvent => ({ id: nextId++, caseId: 'C-TEST0001', at: at(day), type, actor: 'system', data });

const STORE_ADDRESS = ['Comptoir Retours', '12 rue des Retours', '69002 Lyon', 'France'];
const loopLabel = {
  provider: 'loop', providerReturnId: '1673', carrier: 'USPS', trackingNumber: '9400111', trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111',
  labelUrl: 'https://labels.example/1673.pdf', qrCodeUrl: 'https://labels.example/1673.png', returnAddress: ['Warehouse', '1 Dock Rd', '43215 Columbus OH', 'US'],
  shipBy: '2026-12-18', portalUrl: null,
};
const storeLabel = { ...loopLabel, provider: 'store', providerReturnId: 'C-TEST0001', carrier: null, trackingNumber: null, trackingUrl: null, labelUrl: null, qrCodeUrl: null, returnAddress: STORE_ADDRESS };

const view = (state: CaseState, events: CaseEvent[], keepItems = false) => toReturnShippingView({ state, keepItems }, events, STORE_ADDRESS);

describe('the case page’s “send it back” part', () => {
  it('says nothing before the store accepted the return, nor once it declined', () => {
    expect(view('received', [])).toBeNull();
    expect(view('needs_review', [])).toBeNull();
    expect(view('declined', [event('declined_by_store', 2)])).toBeNull();
  });

  it('tells the shopper the label is being made once it is requested, with the provider’s page when there is one', () => {
    const preparing = view('approved', [event('label_requested', 2, { provider: 'loop' })]);
    expect(preparing).toMatchObject({ stage: 'preparing', label: null, portalUrl: null, canAddTracking: false });
    const onLoop = view('approved', [event('label_requested', 2, { provider: 'loop' }), event('label_pending', 2, { provider: 'loop', providerReturnId: '1673', portalUrl: 'https://shop.loopreturns.com/#/link/abc' })]);
    expect(onLoop).toMatchObject({ stage: 'preparing', portalUrl: 'https://shop.loopreturns.com/#/link/abc' });
  });

  it('shows a provider’s label: PDF, QR code, carrier, address and deadline, with the first step dated', () => {
    const ready = view('label_issued', [event('label_requested', 2, { provider: 'loop' }), event('label_issued', 3, loopLabel)]);
    expect(ready).toMatchObject({
      stage: 'ready',
      canAddTracking: false,
      label: { carrier: 'USPS', trackingNumber: '9400111', labelUrl: 'https://labels.example/1673.pdf', hasQrCode: true, returnAddress: loopLabel.returnAddress, shipBy: '2026-12-18' },
    });
    expect(ready!.progress).toEqual([
      { step: 'label_issued', done: true, at: at(3).toISOString() },
      { step: 'in_transit', done: false, at: null },
      { step: 'delivered_to_store', done: false, at: null },
      { step: 'received_by_store', done: false, at: null },
      { step: 'refunded', done: false, at: null },
    ]);
  });

  it('lets a shopper using their own carrier give its tracking number once, then follows it', () => {
    const own = view('label_issued', [event('label_issued', 3, storeLabel)]);
    expect(own).toMatchObject({ stage: 'ready', canAddTracking: true, label: { returnAddress: STORE_ADDRESS, hasQrCode: false, labelUrl: null } });
    const sent = view('in_transit', [event('label_issued', 3, storeLabel), event('tracking_added', 4, { carrier: 'Colissimo', trackingNumber: '6A123', trackingUrl: null })]);
    expect(sent).toMatchObject({ stage: 'on_its_way', canAddTracking: false, label: { carrier: 'Colissimo', trackingNumber: '6A123' } });
    expect(sent!.progress[1]).toEqual({ step: 'in_transit', done: true, at: at(4).toISOString() });
  });

  it('goes to the refund, counting a step no carrier scanned as done, with Shopify’s actual amount', () => {
    const done = view('refunded', [
      event('label_issued', 3, loopLabel),
      event('parcel_delivered', 6, {}),
      event('return_received', 7, {}),
      event('refund_issued', 8, { amount: { amount: '42.50', currencyCode: 'EUR' }, method: 'original_payment', estimate: { amount: '45.00', currencyCode: 'EUR' } }),
    ]);
    expect(done).toMatchObject({ stage: 'done', provider: 'loop', refund: { amount: { amount: '42.50', currencyCode: 'EUR' }, estimate: { amount: '45.00', currencyCode: 'EUR' }, method: 'original_payment', at: at(8).toISOString() } });
    expect(done!.progress.map(({ done: reached, at: when }) => [reached, when !== null])).toEqual([[true, true], [true, false], [true, true], [true, true], [true, true]]);
  });

  it('reads Shopify’s own closing and refund events for a return of the store’s own flow', () => {
    expect(view('received_by_store', [event('return_closed', 6)])).toMatchObject({ stage: 'received', refund: null });
    expect(view('in_transit', [event('label_issued', 3, loopLabel), event('parcel_delivered', 5, {})])).toMatchObject({ stage: 'delivered' });
    const closed = view('refunded', [event('return_closed', 6), event('refunded_by_store', 7)]);
    expect(closed).toMatchObject({ stage: 'done', refund: { amount: null, method: null } });
    expect(closed!.progress[3]).toMatchObject({ step: 'received_by_store', done: true });
  });

  it('tells a keep-the-item shopper there is nothing to send, and shows no label or steps', () => {
    const keep = view('approved', [], true);
    expect(keep).toEqual({ stage: 'keep_items', label: null, canAddTracking: false, portalUrl: null, provider: null, progress: [], refund: null, exchangeOnly: false });
    expect(view('refunded', [event('refund_issued', 4, { amount: { amount: '9.00', currencyCode: 'EUR' }, method: 'store_credit', estimate: null })], true)).toMatchObject({ stage: 'done', label: null });
  });

  it('ends an exchange’s way back at the store’s check, with no refund step', () => {
    const exchange = toReturnShippingView({ state: 'received_by_store', keepItems: false, exchangeOnly: true }, [event('label_issued', 3, loopLabel), event('return_closed', 6)], STORE_ADDRESS);
    expect(exchange).toMatchObject({ stage: 'received', exchangeOnly: true });
    expect(exchange!.progress.map((step) => step.step)).toEqual(['label_issued', 'in_transit', 'delivered_to_store', 'received_by_store']);
    expect(exchange!.progress.at(-1)).toMatchObject({ done: true });
    expect(view('received_by_store', [event('return_closed', 6)])!.progress.at(-1)).toMatchObject({ step: 'refunded', done: false });
  });

  it('says the label is being prepared as soon as the store approves, before its job has run', () => {
    expect(view('approved', [event('approved_by_store', 2)])).toMatchObject({ stage: 'preparing', label: null, canAddTracking: false });
  });

  it('hands over to the team when the provider makes no label, and says when a return was cancelled or its label expired', () => {
    expect(view('approved', [event('label_requested', 2, { provider: 'aftership' }), event('label_refused', 2, { provider: 'aftership', code: 'UNPROCESSABLE', message: 'no' })])).toMatchObject({ stage: 'with_team', label: null });
    expect(view('return_cancelled', [event('label_issued', 3, loopLabel), event('return_cancelled', 5, { provider: 'loop' })])).toMatchObject({ stage: 'cancelled' });
    expect(view('label_expired', [event('label_issued', 3, loopLabel), event('label_expired', 30, { provider: 'loop', shipBy: '2026-12-18' })])).toMatchObject({ stage: 'expired' });
  });

  it('ignores an event whose data is not the shape it knows, rather than failing the page', () => {
    expect(view('label_issued', [event('label_issued', 3, { provider: 'loop' })])).toMatchObject({ stage: 'ready', label: { returnAddress: STORE_ADDRESS } });
  });
});
