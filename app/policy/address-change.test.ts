import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Order } from '~/orders/types';
import { decideAddressChange, type AddressChangeVerdict } from './address-change';
import { PolicyFileError, parsePolicy } from './load-policy.server';
import { toPolicyPageView } from './policy-page';
import type { Policy } from './policy-schema';
import { buildPolicy, PARIS, readSampleData } from './test-fixtures';

const HOUR = 3_600_000;
const ORDERED = new Date('2026-11-09T14:30:00Z');
const SHIPS_TO = ['FR', 'BE', 'DE', 'GB', 'US', 'CA'];

/** An order nothing of which has left: one line to ship, no parcel, tags read. */
const unshipped = (overrides: Partial<Order> = {}): Order =>
  anOrder({ createdAt: ORDERED, fulfillmentStatus: 'UNFULFILLED', parcels: [], lineItems: [aLine({ unfulfilledQuantity: 1 })], ...overrides });

const decide = (order: Order, options: { policy?: Policy; afterHours?: number; now?: Date } = {}): AddressChangeVerdict =>
  decideAddressChange({
    policy: options.policy ?? buildPolicy(), order, shipsTo: SHIPS_TO, timeZone: PARIS,
    now: options.now ?? new Date(ORDERED.getTime() + (options.afterHours ?? 1) * HOUR),
  });

const refusalOf = (verdict: AddressChangeVerdict) => (verdict.offered ? null : verdict.refusal);

describe('deciding an address change', () => {
  it('offers an unshipped order within the window, in its own country, quoting clause 9.1', () => {
    const verdict = decide(unshipped(), { afterHours: 3 });
    expect(verdict).toEqual({
      offered: true, clauseId: '9.1', countries: ['FR'], requirePhone: false,
      window: { orderedAt: ORDERED, until: new Date(ORDERED.getTime() + 24 * HOUR) },
      policyVersion: buildPolicy().version, decidedAt: new Date(ORDERED.getTime() + 3 * HOUR).toISOString(),
    });
  });

  it('closes the window at the exact instant, 24 hours after the order: open 1 ms before, closed at it', () => {
    const until = ORDERED.getTime() + 24 * HOUR;
    expect(decide(unshipped(), { now: new Date(until - 1) }).offered).toBe(true);
    expect(refusalOf(decide(unshipped(), { now: new Date(until) }))).toEqual({
      key: 'policy:addressChange.refusal.windowClosed', clauseId: '9.1',
      facts: { orderedOn: '2026-11-09', windowHours: 24, closedAt: '2026-11-10T14:30:00.000Z' },
    });
  });

  it('counts from processedAt, not createdAt, when they differ (an imported order)', () => {
    const order = unshipped({ processedAt: new Date(ORDERED.getTime() - 20 * HOUR) });
    expect(refusalOf(decide(order, { afterHours: 5 }))?.key).toBe('policy:addressChange.refusal.windowClosed');
    expect(decide(order, { afterHours: 3 }).offered).toBe(true);
  });

  it('refuses a cancelled order, with the date on the store calendar', () => {
    const order = unshipped({ cancelledAt: new Date('2026-11-09T23:30:00Z') });
    expect(refusalOf(decide(order))).toEqual({ key: 'policy:addressChange.refusal.alreadyCancelled', clauseId: '9.1', facts: { cancelledOn: '2026-11-10' } });
  });

  it('offers nothing without the section, quoting the scope clause', () => {
    const policy = buildPolicy((p) => { delete p.addressChange; });
    expect(refusalOf(decide(unshipped(), { policy }))).toEqual({ key: 'policy:addressChange.refusal.notOffered', clauseId: '1.1', facts: {} });
    expect(refusalOf(decide(unshipped({ cancelledAt: ORDERED }), { policy }))).toMatchObject({ key: 'policy:addressChange.refusal.alreadyCancelled', clauseId: '1.1' });
  });

  it('refuses once a parcel has left, naming its day; a cancelled parcel does not count', () => {
    const parcel = aParcel({ status: 'in_transit', createdAt: new Date('2026-11-10T09:00:00Z') });
    const lines = [aLine({ unfulfilledQuantity: 0 })];
    expect(refusalOf(decide(unshipped({ parcels: [parcel], lineItems: lines, fulfillmentStatus: 'FULFILLED' })))).toEqual({
      key: 'policy:addressChange.refusal.shipped', clauseId: '9.1', facts: { shippedOn: '2026-11-10' },
    });
    expect(decide(unshipped({ parcels: [aParcel({ status: 'cancelled' })] })).offered).toBe(true);
  });

  it('refuses a partly shipped order, and one Shopify says is fulfilled even with no parcel read', () => {
    const lines = [aLine({ id: 'a', unfulfilledQuantity: 0 }), aLine({ id: 'b', unfulfilledQuantity: 1 })];
    const partly = unshipped({ parcels: [aParcel()], lineItems: lines, fulfillmentStatus: 'PARTIALLY_FULFILLED' });
    expect(refusalOf(decide(partly))?.key).toBe('policy:addressChange.refusal.partlyShipped');
    expect(refusalOf(decide(unshipped({ fulfillmentStatus: 'FULFILLED' })))?.key).toBe('policy:addressChange.refusal.shippedUndated');
    expect(refusalOf(decide(unshipped({ fulfillmentStatus: 'PARTIALLY_FULFILLED' })))?.key).toBe('policy:addressChange.refusal.shippedUndated');
  });

  it('refuses an order the warehouse has started on, and offers one on hold or scheduled', () => {
    for (const status of ['IN_PROGRESS', 'PENDING_FULFILLMENT']) {
      expect(refusalOf(decide(unshipped({ fulfillmentStatus: status })))?.key).toBe('policy:addressChange.refusal.inProgress');
    }
    for (const status of ['UNFULFILLED', 'ON_HOLD', 'SCHEDULED', 'OPEN']) expect(decide(unshipped({ fulfillmentStatus: status })).offered).toBe(true);
  });

  it('refuses an order with nothing to deliver: no address, only gift cards, or every unit removed', () => {
    expect(refusalOf(decide(unshipped({ shippingAddress: null })))?.key).toBe('policy:addressChange.refusal.noShipping');
    const giftCard = aLine({ requiresShipping: false, isGiftCard: true, unfulfilledQuantity: 1 });
    expect(refusalOf(decide(unshipped({ lineItems: [giftCard] })))?.key).toBe('policy:addressChange.refusal.noShipping');
    const removed = aLine({ quantity: 1, currentQuantity: 0, unfulfilledQuantity: 1 });
    expect(refusalOf(decide(unshipped({ lineItems: [removed] })))?.key).toBe('policy:addressChange.refusal.nothingToShip');
  });

  it('refuses an order under an excluded tag whatever its case, quoting the tag’s own clause', () => {
    expect(refusalOf(decide(unshipped({ tags: ['gift', ' Fraud-Check '] })))).toEqual({
      key: 'policy:addressChange.refusal.excludedTag', clauseId: '9.2', facts: { value: ' Fraud-Check ' },
    });
    expect(decide(unshipped({ tags: ['fraud-checked'] })).offered).toBe(true);
  });

  it('offers every shipping country, sorted, with the order’s own, when the policy allows other countries', () => {
    const policy = buildPolicy((p) => Object.assign(p.addressChange!, { countries: 'shipping_countries', requirePhone: true }));
    const order = unshipped({ shippingAddress: { ...anOrder().shippingAddress!, countryCode: 'CH' } });
    expect(decide(order, { policy })).toMatchObject({ offered: true, countries: ['BE', 'CA', 'CH', 'DE', 'FR', 'GB', 'US'], requirePhone: true });
  });
});

describe('the addressChange section of the policy file', () => {
  type Data = Record<string, any>;
  const load = (edit: (data: Data) => void) => {
    const data = readSampleData() as Data;
    edit(data);
    return parsePolicy(stringify(data), 'test.policy.yaml');
  };
  const issuesOf = (edit: (data: Data) => void) => {
    try {
      load(edit);
    } catch (error) {
      if (error instanceof PolicyFileError) return error.issues.map((issue) => [issue.path.join('.'), issue.message]);
      throw error;
    }
    throw new Error('expected the policy to be refused');
  };

  it('fills the defaults: same country, no excluded tag, no phone required', () => {
    const policy = load((d) => { d.addressChange = { clause: '9.1', windowHours: 6 }; });
    expect(policy.addressChange).toEqual({ clause: '9.1', windowHours: 6, countries: 'same', excludedTags: [], requirePhone: false });
  });

  it('refuses a misspelt key, hours that are not whole or zero, an unknown country rule, a clause no section defines', () => {
    expect(issuesOf((d) => { d.addressChange.window = 3; })).toEqual([['addressChange', expect.stringContaining('window')]]);
    expect(issuesOf((d) => { d.addressChange.windowHours = 1.5; })).toEqual([['addressChange.windowHours', expect.any(String)]]);
    expect(issuesOf((d) => { d.addressChange.windowHours = 0; })).toEqual([['addressChange.windowHours', expect.any(String)]]);
    expect(issuesOf((d) => { d.addressChange.countries = 'anywhere'; })).toEqual([['addressChange.countries', 'must be same or shipping_countries']]);
    expect(issuesOf((d) => { d.addressChange.excludedTags[0].clause = '99.1'; })).toEqual([['addressChange.excludedTags.0.clause', expect.stringContaining('"99.1"')]]);
  });

  it('refuses its placeholder once the section is gone', () => {
    const issues = issuesOf((d) => { delete d.addressChange; });
    expect(issues.some(([, message]) => message === '{{addressChangeWindowHours}} is not a value this policy defines')).toBe(true);
  });

  it('writes the hours into section 9 of the page, in both languages', () => {
    const clause = (language: 'en' | 'fr') => toPolicyPageView(buildPolicy(), language).sections.find((s) => s.id === '9')?.clauses[0];
    expect(clause('en')?.title).toBe('Change it within 24 hours');
    expect(clause('fr')?.title).toBe('Modification sous 24 heures');
    expect(clause('fr')?.text).toContain('dans les 24 heures');
    expect(JSON.stringify(toPolicyPageView(buildPolicy(), 'fr').sections.find((s) => s.id === '9'))).not.toContain('{{');
  });
});
