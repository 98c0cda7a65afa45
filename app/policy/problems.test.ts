import { describe, expect, it } from 'vitest';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Order, Parcel } from '~/orders/types';
import type { Policy } from './policy-schema';
import { decideProblem, listProblemOptions, type ProblemOption, type ProblemReport, type ProblemType } from './problems';
import { PARIS, buildPolicy } from './test-fixtures';

/*
 * The demo policy's rules: not received 3 days after the expected day (5 days of transit
 * without an estimate), 10 days after a missed delivery, up to €250; delivered but not found
 * within 7 days; missing within 14 days, up to €100; damaged 2 photos, wrong 1 photo, 30 days,
 * up to €100. Paris is UTC+1 in November: a Paris day starts at 23:00 UTC the day before.
 */
const LINE = 'gid://shopify/LineItem/1';
const PARCEL = 'gid://shopify/Fulfillment/1';
const DELIVERED_AT = new Date('2026-11-12T10:00:00Z');

function order(parcel: Partial<Parcel> = {}, overrides: Partial<Order> = {}): Order {
  return anOrder({
    total: { amount: '100.00', currencyCode: 'EUR' },
    lineItems: [aLine({ quantity: 2, currentQuantity: 2, unitPrice: { amount: '50.00', currencyCode: 'EUR' } })],
    parcels: [aParcel({ lines: [{ lineItemId: LINE, quantity: 2 }], ...parcel })],
    ...overrides,
  });
}

const delivered = (overrides: Partial<Order> = {}) => order({ status: 'delivered', deliveredAt: DELIVERED_AT }, overrides);
const inUs = (base: Order): Order => ({ ...base, shippingAddress: { ...base.shippingAddress!, countryCode: 'US' } });

function optionOf(o: Order, type: ProblemType, now: Date, policy: Policy = buildPolicy()): ProblemOption {
  const option = listProblemOptions(policy, o, now, PARIS).parcels[0]?.options.find((candidate) => candidate.type === type);
  if (!option) throw new Error(`no ${type} option`);
  return option;
}

const refusalOf = (o: Order, type: ProblemType, now: Date, policy?: Policy) => {
  const option = optionOf(o, type, now, policy);
  if (option.offered) throw new Error(`${type} offered`);
  return option.refusal;
};

const decide = (o: Order, report: Partial<ProblemReport> & { type: ProblemType }, now = new Date('2026-11-13T10:00:00Z'), policy = buildPolicy()) =>
  decideProblem(policy, o, { parcelId: PARCEL, photos: 0, ...report }, now, PARIS);

function offerOf(...args: Parameters<typeof decide>) {
  const decision = decide(...args);
  if (!decision.ok) throw new Error(JSON.stringify(decision));
  return decision.offer;
}

describe('listProblemOptions: not received', () => {
  const estimated = order({ estimatedDeliveryAt: new Date('2026-11-12T10:00:00Z') });

  it('waits out the grace days after the estimate, to the last instant of the last one', () => {
    expect(refusalOf(estimated, 'not_received', new Date('2026-11-15T22:59:59.999Z'))).toEqual({
      key: 'policy:problems.refusal.notYet', clauseId: '10.2', facts: { expectedOn: '2026-11-12', reportableOn: '2026-11-16', graceDays: 3 },
    });
    expect(optionOf(estimated, 'not_received', new Date('2026-11-15T23:00:00.000Z'))).toMatchObject({
      offered: true, outcome: 'reship', scope: 'parcel', clauseId: '10.2', lines: [{ lineItemId: LINE, quantity: 2 }], reasons: [],
    });
  });

  it('expects a parcel with no estimate the shipping day plus the transit days', () => {
    const shipped = order({ createdAt: new Date('2026-11-10T09:00:00Z') });
    expect(refusalOf(shipped, 'not_received', new Date('2026-11-18T22:59:59.999Z')).facts).toEqual({ expectedOn: '2026-11-15', reportableOn: '2026-11-19', graceDays: 3 });
    expect(optionOf(shipped, 'not_received', new Date('2026-11-18T23:00:00Z')).offered).toBe(true);
  });

  it('is offered at once when the carrier reports a failure', () => {
    const failed = order({ status: 'failure', estimatedDeliveryAt: new Date('2026-11-20T10:00:00Z') });
    expect(optionOf(failed, 'not_received', new Date('2026-11-11T08:00:00Z'))).toMatchObject({ offered: true, outcome: 'reship' });
  });

  it('gives a missed delivery its days at the pick-up point, even past the grace days', () => {
    const attempted = order({
      status: 'attempted_delivery', estimatedDeliveryAt: new Date('2026-11-11T10:00:00Z'),
      events: [{ status: 'attempted_delivery', happenedAt: new Date('2026-11-12T08:00:00Z'), message: null, location: null }],
    });
    expect(refusalOf(attempted, 'not_received', new Date('2026-11-22T22:59:59.999Z'))).toEqual({
      key: 'policy:problems.refusal.carrierIssue', clauseId: '10.2', facts: { issueOn: '2026-11-12', reportableOn: '2026-11-23', days: 10 },
    });
    expect(optionOf(attempted, 'not_received', new Date('2026-11-22T23:00:00Z')).offered).toBe(true);
  });

  it('is never offered for a delivered parcel, which may be reported as delivered but not found', () => {
    const now = new Date('2026-11-13T10:00:00Z');
    expect(refusalOf(delivered(), 'not_received', now)).toEqual({ key: 'policy:problems.refusal.delivered', clauseId: '10.2', facts: { deliveredOn: '2026-11-12' } });
    expect(optionOf(delivered(), 'delivered_not_found', now)).toMatchObject({
      offered: true, outcome: 'review', reportBy: '2026-11-19', reasons: [{ key: 'policy:problems.review.carrierCheck', clauseId: '10.3', facts: {} }],
    });
    expect(refusalOf(order({ status: 'delivered', deliveredAt: null }), 'not_received', now).key).toBe('policy:problems.refusal.deliveredUndated');
  });
});

describe('listProblemOptions: a parcel on its way or delivered', () => {
  const now = new Date('2026-11-13T10:00:00Z');

  it('offers only a question while the parcel travels', () => {
    const options = listProblemOptions(buildPolicy(), order(), now, PARIS).parcels[0]!.options;
    expect(options.filter((o) => o.offered).map((o) => o.type)).toEqual(['delivery_question']);
    expect(optionOf(order(), 'delivery_question', now)).toMatchObject({ outcome: 'review', reasons: [{ key: 'policy:problems.review.question', clauseId: '10.6', facts: {} }] });
    expect(refusalOf(order(), 'damaged', now)).toEqual({ key: 'policy:problems.refusal.notDelivered', clauseId: '10.5', facts: {} });
  });

  it('offers item reports per line once delivered, with the photos asked, and no question', () => {
    expect(optionOf(delivered(), 'damaged', now)).toMatchObject({ offered: true, outcome: 'refund', scope: 'lines', photos: 2, reportBy: '2026-12-12' });
    expect(optionOf(delivered(), 'wrong_item', now)).toMatchObject({ outcome: 'reship', photos: 1 });
    expect(refusalOf(delivered(), 'delivery_question', now).key).toBe('policy:problems.refusal.questionDelivered');
  });

  it('closes the report window at the end of its last day, counted from delivery', () => {
    const lastInstant = new Date('2026-11-26T22:59:59.999Z');
    const closed = new Date('2026-11-26T23:00:00Z');
    expect(optionOf(inUs(delivered()), 'missing_item', lastInstant)).toMatchObject({ offered: true, reportBy: '2026-11-26' });
    expect(refusalOf(inUs(delivered()), 'missing_item', closed)).toEqual({
      key: 'policy:problems.refusal.tooLate', clauseId: '10.4', facts: { deliveredOn: '2026-11-12', days: 14, lastDay: '2026-11-26' },
    });
  });

  it('sends a late damaged or wrong item in the EU/UK to review under the legal guarantee, never refuses it', () => {
    const late = new Date('2027-01-20T10:00:00Z');
    expect(refusalOf(inUs(delivered()), 'damaged', late).key).toBe('policy:problems.refusal.tooLate');
    expect(optionOf(delivered(), 'damaged', late)).toMatchObject({
      offered: true, outcome: 'review', reasons: [{ key: 'policy:problems.review.euConformity', clauseId: '10.5', facts: { countryCode: 'FR' } }],
    });
    // A missing item is not a non-conforming one: the window holds.
    expect(refusalOf(delivered(), 'missing_item', late).key).toBe('policy:problems.refusal.tooLate');
  });

  it('turns store credit into a refund for a damaged item in the EU/UK, and answers one with no rule there', () => {
    const credit = buildPolicy((p) => { p.problems!.damaged!.offer = 'store_credit'; });
    expect(optionOf(delivered(), 'damaged', now, credit)).toMatchObject({ outcome: 'refund' });
    expect(optionOf(inUs(delivered()), 'damaged', now, credit)).toMatchObject({ outcome: 'store_credit' });
    const none = buildPolicy((p) => { delete p.problems!.wrongItem; });
    expect(optionOf(delivered(), 'wrong_item', now, none)).toMatchObject({ offered: true, outcome: 'review', clauseId: '10.1', photos: 0 });
    expect(refusalOf(inUs(delivered()), 'wrong_item', now, none)).toEqual({ key: 'policy:problems.refusal.notOffered', clauseId: '10.1', facts: {} });
  });

  it('offers nothing without a problems section, and has nothing to report before anything ships', () => {
    const policy = buildPolicy((p) => { delete p.problems; });
    for (const option of listProblemOptions(policy, delivered(), now, PARIS).parcels[0]!.options) {
      expect(option).toMatchObject({ offered: false, refusal: { key: 'policy:problems.refusal.notOffered', clauseId: '1.1' } });
    }
    expect(listProblemOptions(buildPolicy(), order({}, { parcels: [] }), now, PARIS).parcels).toEqual([]);
  });
});

describe('decideProblem', () => {
  it('refunds a damaged line at its unit price, with the photos asked', () => {
    expect(offerOf(delivered(), { type: 'damaged', lines: [{ lineItemId: LINE, quantity: 1 }], photos: 2 })).toEqual({
      type: 'damaged', outcome: 'refund', amount: { amount: '50.00', currencyCode: 'EUR' }, value: { amount: '50.00', currencyCode: 'EUR' },
      lines: [{ lineItemId: LINE, quantity: 1 }], clauseId: '10.5', reasons: [],
    });
  });

  it('asks for the photos the policy requires', () => {
    expect(decide(delivered(), { type: 'damaged', lines: [{ lineItemId: LINE, quantity: 1 }], photos: 1 })).toEqual({
      ok: false, errors: [{ path: ['photos'], key: 'policy:problems.errors.photosRequired', facts: { required: 2 } }],
    });
  });

  it('takes up to the units shipped in the parcel, no more', () => {
    expect(decide(delivered(), { type: 'wrong_item', lines: [{ lineItemId: LINE, quantity: 2 }], photos: 1 }).ok).toBe(true);
    expect(decide(delivered(), { type: 'wrong_item', lines: [{ lineItemId: LINE, quantity: 3 }], photos: 1 })).toEqual({
      ok: false, errors: [{ path: ['lines', 0, 'quantity'], key: 'policy:problems.errors.quantityAboveShipped', facts: { shipped: 2 } }],
    });
  });

  it.each<[string, Partial<ProblemReport> & { type: ProblemType }, string, (string | number)[]]>([
    ['no lines for an item report', { type: 'missing_item' }, 'linesRequired', ['lines']],
    ['a line of another parcel', { type: 'missing_item', lines: [{ lineItemId: 'gid://shopify/LineItem/9', quantity: 1 }] }, 'lineNotInParcel', ['lines', 0, 'lineItemId']],
    ['a line twice', { type: 'missing_item', lines: [{ lineItemId: LINE, quantity: 1 }, { lineItemId: LINE, quantity: 1 }] }, 'duplicateLine', ['lines', 1, 'lineItemId']],
    ['no units', { type: 'missing_item', lines: [{ lineItemId: LINE, quantity: 0 }] }, 'quantityInvalid', ['lines', 0, 'quantity']],
    ['lines for a report about the whole parcel', { type: 'delivered_not_found', lines: [{ lineItemId: LINE, quantity: 1 }] }, 'linesNotAsked', ['lines']],
    ['an unknown parcel', { type: 'missing_item', parcelId: 'gid://shopify/Fulfillment/9' }, 'unknownParcel', ['parcelId']],
  ])('refuses %s as an error on its field', (_, report, name, path) => {
    expect(decide(delivered(), report)).toEqual({ ok: false, errors: [{ path, key: `policy:problems.errors.${name}`, facts: {} }] });
  });

  it('passes on the refusal of a report not offered', () => {
    expect(decide(order(), { type: 'damaged', lines: [{ lineItemId: LINE, quantity: 1 }], photos: 2 })).toEqual({
      ok: false, refusal: { key: 'policy:problems.refusal.notDelivered', clauseId: '10.5', facts: {} },
    });
  });

  it('keeps the offer at the value limit and sends one cent above it to review', () => {
    const priced = (amount: string) => delivered({ total: { amount: '200.00', currencyCode: 'EUR' }, lineItems: [aLine({ quantity: 2, currentQuantity: 2, unitPrice: { amount, currencyCode: 'EUR' } })] });
    const report = { type: 'damaged' as const, lines: [{ lineItemId: LINE, quantity: 2 }], photos: 2 };
    expect(offerOf(priced('50.00'), report)).toMatchObject({ outcome: 'refund', amount: { amount: '100.00', currencyCode: 'EUR' } });
    const above = offerOf(priced('50.01'), report);
    expect(above).toMatchObject({ outcome: 'review', value: { amount: '100.02', currencyCode: 'EUR' } });
    expect(above.amount).toBeUndefined();
    expect(above.reasons).toEqual([{ key: 'policy:problems.review.valueAboveLimit', clauseId: '10.5', facts: { value: '100.02', limit: '100.00', currencyCode: 'EUR' } }]);
  });

  it('sends to review a currency the limit does not name', () => {
    const yen = delivered({ lineItems: [aLine({ quantity: 2, currentQuantity: 2, unitPrice: { amount: '5000', currencyCode: 'JPY' } })], total: { amount: '10000', currencyCode: 'JPY' } });
    expect(offerOf(yen, { type: 'missing_item', lines: [{ lineItemId: LINE, quantity: 1 }] }).reasons).toEqual([
      { key: 'policy:problems.review.currencyNotCovered', clauseId: '10.4', facts: { currencyCode: 'JPY' } },
    ]);
  });

  it('reships a parcel not received whole, and names no amount', () => {
    const failed = order({ status: 'failure' });
    expect(offerOf(failed, { type: 'not_received' })).toEqual({
      type: 'not_received', outcome: 'reship', value: { amount: '100.00', currencyCode: 'EUR' }, lines: [{ lineItemId: LINE, quantity: 2 }], clauseId: '10.2', reasons: [],
    });
  });

  it('credits the store-credit offer, never more than the order’s total, and reviews units already refunded or on a return', () => {
    const credit = buildPolicy((p) => { p.problems!.missingItem!.offer = 'store_credit'; });
    const report = { type: 'missing_item' as const, lines: [{ lineItemId: LINE, quantity: 2 }] };
    const discounted = delivered({ total: { amount: '80.00', currencyCode: 'EUR' } });
    expect(offerOf(discounted, report, undefined, credit)).toMatchObject({ outcome: 'store_credit', amount: { amount: '80.00', currencyCode: 'EUR' }, value: { amount: '100.00', currencyCode: 'EUR' } });
    const refunded = delivered({ lineItems: [aLine({ quantity: 2, currentQuantity: 1, unitPrice: { amount: '50.00', currencyCode: 'EUR' } })] });
    expect(offerOf(refunded, report, undefined, credit)).toMatchObject({ outcome: 'review', reasons: [{ key: 'policy:problems.review.returnedOrRefunded' }] });
  });

  it('takes a question about a parcel on its way as a message to the team', () => {
    expect(offerOf(order(), { type: 'delivery_question' })).toMatchObject({ outcome: 'review', reasons: [{ key: 'policy:problems.review.question' }] });
  });
});
