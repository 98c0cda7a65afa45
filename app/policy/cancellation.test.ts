import { describe, expect, it } from 'vitest';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Order, StoreReturn } from '~/orders/types';
import { checkSelection, decideCancellation, type CancellationOffer, type CancellationOrderFacts, type CancellationSelection, type CancellationVerdict } from './cancellation';
import type { Policy } from './policy-schema';
import { PARIS, buildPolicy } from './test-fixtures';

const ORDERED = new Date('2026-11-09T14:30:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ORDERED.getTime() + ms);

/** An order placed at ORDERED, paid, nothing shipped, delivered to Paris; tags read and plain. */
function unshipped(overrides: Partial<Order> = {}): Order {
  return anOrder({
    createdAt: ORDERED, fulfillmentStatus: 'UNFULFILLED', parcels: [],
    lineItems: [aLine({ unfulfilledQuantity: 1 })], ...overrides,
  });
}

type Options = { order?: Order; policy?: Policy; facts?: CancellationOrderFacts; now?: Date; selection?: CancellationSelection };

function decide({ order = unshipped(), policy = buildPolicy(), facts = { tags: [] }, now = at(HOUR), selection }: Options = {}): CancellationVerdict {
  return decideCancellation({ order, policy, facts, now, timeZone: PARIS, ...(selection ? { selection } : {}) });
}

function offer(options?: Options): CancellationOffer {
  const verdict = decide(options);
  if (!verdict.offered) throw new Error(`refused: ${verdict.refusal.key}`);
  return verdict;
}

const refusalOf = (options?: Options) => {
  const verdict = decide(options);
  if (verdict.offered) throw new Error(`offered in ${verdict.mode} mode`);
  return verdict.refusal;
};

const reviewKeys = (options?: Options) => offer(options).reasons.map((reason) => reason.key);
const inUs = (order: Partial<Order> = {}) => unshipped({ shippingAddress: { ...anOrder().shippingAddress!, countryCode: 'US' }, ...order });

describe('decideCancellation', () => {
  it('cancels an unshipped order at once within the window, refunding what was paid the policy’s way', () => {
    const policy = buildPolicy();
    expect(decide({ policy })).toEqual({
      offered: true, mode: 'instant', clauseId: '8.1', scope: 'order',
      lines: [{ lineItemId: 'gid://shopify/LineItem/1', units: 1 }], available: [{ lineItemId: 'gid://shopify/LineItem/1', units: 1 }], partial: false,
      refund: { amount: { amount: '64.90', currencyCode: 'EUR' }, method: 'original_payment', releasesHold: false },
      restock: true, notifyCustomer: true, reasons: [],
      window: { orderedAt: ORDERED, instantUntil: at(12 * HOUR), reviewUntil: at(48 * HOUR) },
      policyVersion: policy.version, decidedAt: at(HOUR).toISOString(),
    });
  });

  describe('the windows, counted in hours from the order', () => {
    it.each<[string, 'instant' | 'review', number]>([
      ['one second before the window closes', 'instant', 12 * HOUR - 1_000],
      ['exactly when it closes', 'review', 12 * HOUR],
      ['one second after', 'review', 12 * HOUR + 1_000],
      ['one second before the review window closes', 'review', 48 * HOUR - 1_000],
    ])('%s: %s', (_, mode, elapsed) => {
      expect(offer({ now: at(elapsed) }).mode).toBe(mode);
    });

    it('says past the window when the self-service hours are over', () => {
      expect(offer({ now: at(12 * HOUR) }).reasons).toEqual([
        { key: 'policy:cancellation.review.pastWindow', clauseId: '8.1', facts: { windowHours: 12, closedAt: '2026-11-10T02:30:00.000Z' } },
      ]);
    });

    it('refuses from the instant the review window closes, with the order date and the hours', () => {
      for (const elapsed of [48 * HOUR, 48 * HOUR + 1_000]) {
        expect(refusalOf({ order: inUs(), now: at(elapsed) })).toEqual({
          key: 'policy:cancellation.refusal.windowClosed', clauseId: '8.1',
          facts: { orderedOn: '2026-11-09', windowHours: 48, closedAt: '2026-11-11T14:30:00.000Z' },
        });
      }
    });

    it('never refuses an EU or UK shopper for the time alone: a person decides, under the right of withdrawal', () => {
      for (const countryCode of ['FR', 'GB']) {
        const order = unshipped({ shippingAddress: { ...anOrder().shippingAddress!, countryCode } });
        const verdict = offer({ order, now: at(30 * 24 * HOUR) });
        expect(verdict.mode).toBe('review');
        expect(verdict.reasons).toEqual([{ key: 'policy:cancellation.review.euRights', clauseId: '8.1', facts: { countryCode, euWithdrawalDays: 14 } }]);
      }
    });

    it('counts from processedAt when it is known', () => {
      const facts = { tags: [], processedAt: new Date(ORDERED.getTime() - 11 * HOUR) };
      expect(offer({ facts, now: at(HOUR) }).mode).toBe('review');
      expect(offer({ facts, now: at(HOUR) }).window.orderedAt).toEqual(facts.processedAt);
    });

    it('sends every cancellation to review when the window is 0 hours', () => {
      expect(reviewKeys({ policy: buildPolicy((p) => { p.cancellation!.windowHours = 0; }), now: ORDERED })).toEqual(['policy:cancellation.review.pastWindow']);
    });
  });

  describe('the value limit', () => {
    const total = (amount: string, currencyCode = 'EUR') => unshipped({ total: { amount, currencyCode } });

    it('cancels an order of exactly the limit at once, and sends one cent more to review', () => {
      expect(offer({ order: total('300.00') }).mode).toBe('instant');
      expect(offer({ order: total('300.01') }).reasons).toEqual([
        { key: 'policy:cancellation.review.orderValue', clauseId: '8.1', facts: { orderTotal: '300.01', limit: '300.00', currencyCode: 'EUR' } },
      ]);
    });

    it('uses the limit of the order’s currency, and a person decides where the policy names none', () => {
      expect(offer({ order: total('450.00', 'CAD') }).mode).toBe('instant');
      expect(reviewKeys({ order: total('450.01', 'CAD') })).toEqual(['policy:cancellation.review.orderValue']);
      expect(reviewKeys({ order: total('1000', 'JPY') })).toEqual(['policy:cancellation.review.currencyNotCovered']);
    });

    it('has no limit when the policy sets none', () => {
      expect(offer({ order: total('9999.00'), policy: buildPolicy((p) => { delete p.cancellation!.maxValue; }) }).mode).toBe('instant');
    });
  });

  describe('refusals, each with its clause', () => {
    it('refuses an order already cancelled, whatever else is true of it', () => {
      const order = unshipped({ cancelledAt: new Date('2026-11-09T23:30:00Z'), parcels: [aParcel()] });
      expect(refusalOf({ order })).toEqual({ key: 'policy:cancellation.refusal.alreadyCancelled', clauseId: '8.1', facts: { cancelledOn: '2026-11-10' } });
    });

    it('offers nothing when the policy has no cancellation section, quoting the scope clause', () => {
      expect(refusalOf({ policy: buildPolicy((p) => { delete p.cancellation; }) })).toEqual({ key: 'policy:cancellation.refusal.notOffered', clauseId: '1.1', facts: {} });
    });

    it('refuses a shipped order with the shipping date, pointing to a return', () => {
      const order = anOrder({ createdAt: ORDERED, parcels: [aParcel({ createdAt: new Date('2026-11-09T23:10:00Z') })] });
      expect(refusalOf({ order })).toEqual({ key: 'policy:cancellation.refusal.shipped', clauseId: '8.1', facts: { shippedOn: '2026-11-10' } });
    });

    it('refuses a partly shipped order from its first parcel, even where items could be picked', () => {
      const order = unshipped({
        fulfillmentStatus: 'PARTIALLY_FULFILLED', parcels: [aParcel({ createdAt: new Date('2026-11-10T09:00:00Z') })],
        lineItems: [aLine(), aLine({ id: 'gid://shopify/LineItem/2', unfulfilledQuantity: 1 })],
      });
      const partial = buildPolicy((p) => { p.cancellation!.partial = true; });
      expect(refusalOf({ order, policy: partial })).toEqual({ key: 'policy:cancellation.refusal.partlyShipped', clauseId: '8.1', facts: { shippedOn: '2026-11-10' } });
    });

    it('refuses when Shopify says fulfilled though no parcel is known, without a date', () => {
      expect(refusalOf({ order: unshipped({ fulfillmentStatus: 'FULFILLED' }) }).key).toBe('policy:cancellation.refusal.shippedUndated');
    });

    it('does not count a cancelled parcel as shipped', () => {
      expect(offer({ order: unshipped({ parcels: [aParcel({ status: 'cancelled' })] }) }).mode).toBe('instant');
    });

    it.each<[string, Options, string]>([
      ['a closed order', { facts: { tags: [], closed: true } }, 'closed'],
      ['an order with nothing left on it', { order: unshipped({ lineItems: [aLine({ currentQuantity: 0, unfulfilledQuantity: 0 })] }) }, 'nothingLeft'],
      ['an order whose payment is still pending', { order: unshipped({ financialStatus: 'PENDING' }) }, 'paymentPending'],
    ])('refuses %s', (_, options, key) => {
      expect(refusalOf(options)).toEqual({ key: `policy:cancellation.refusal.${key}`, clauseId: '8.1', facts: {} });
    });

    it('refuses while a return is requested or open, not once it is closed', () => {
      const ret = (status: StoreReturn['status']): StoreReturn => ({
        id: 'gid://shopify/Return/1', name: '#1001-R1', status, createdAt: at(HOUR), closedAt: null, lines: [], exchanges: [], refunded: null,
      });
      expect(refusalOf({ order: unshipped({ returns: [ret('requested')] }) })).toEqual({ key: 'policy:cancellation.refusal.activeReturn', clauseId: '8.1', facts: { name: '#1001-R1' } });
      expect(refusalOf({ order: unshipped({ returns: [ret('open')] }) }).key).toBe('policy:cancellation.refusal.activeReturn');
      expect(offer({ order: unshipped({ returns: [ret('closed'), ret('declined')] }) }).mode).toBe('instant');
    });

    it('refuses an order tagged for refusal, under that rule’s clause, tags compared as Shopify does', () => {
      const policy = buildPolicy((p) => { p.cancellation!.excludedTags = [{ clause: '8.2', tags: ['Sur-Mesure'], then: 'refuse' }]; });
      expect(refusalOf({ policy, facts: { tags: ['gift', ' sur-mesure '] } })).toEqual({ key: 'policy:cancellation.refusal.excludedTag', clauseId: '8.2', facts: { value: ' sur-mesure ' } });
    });
  });

  describe('requests a person reviews', () => {
    it('sends a made-to-order order to review under its clause', () => {
      expect(offer({ facts: { tags: ['MADE-TO-ORDER'] } }).reasons).toEqual([
        { key: 'policy:cancellation.review.excludedTag', clauseId: '8.2', facts: { value: 'MADE-TO-ORDER' } },
      ]);
    });

    it('never cancels at once when the tags were not read and the policy excludes some', () => {
      expect(reviewKeys({ facts: {} })).toEqual(['policy:cancellation.review.tagsUnknown']);
      expect(offer({ facts: {}, policy: buildPolicy((p) => { p.cancellation!.excludedTags = []; }) }).mode).toBe('instant');
    });

    it.each([['ON_HOLD', 'onHold'], ['IN_PROGRESS', 'inProgress'], ['PENDING_FULFILLMENT', 'inProgress']])('sends an order %s to review', (fulfillmentStatus, key) => {
      expect(reviewKeys({ order: unshipped({ fulfillmentStatus }) })).toEqual([`policy:cancellation.review.${key}`]);
    });

    it('lists every reason that applies', () => {
      const order = unshipped({ total: { amount: '480.00', currencyCode: 'EUR' }, fulfillmentStatus: 'ON_HOLD' });
      expect(reviewKeys({ order, facts: { tags: ['made-to-order'] }, now: at(20 * HOUR) })).toEqual([
        'policy:cancellation.review.excludedTag', 'policy:cancellation.review.onHold',
        'policy:cancellation.review.pastWindow', 'policy:cancellation.review.orderValue',
      ]);
    });
  });

  describe('the refund', () => {
    it('is what was paid: the net payment when known, nothing for a payment only authorised', () => {
      expect(offer({ facts: { tags: [], netPayment: { amount: '60.00', currencyCode: 'EUR' } } }).refund.amount).toEqual({ amount: '60.00', currencyCode: 'EUR' });
      expect(offer({ order: unshipped({ financialStatus: 'AUTHORIZED' }) }).refund).toEqual({
        amount: { amount: '0.00', currencyCode: 'EUR' }, method: 'original_payment', releasesHold: true,
      });
    });

    it('is left for a person to confirm when the payment was partly refunded and the net payment is unknown', () => {
      const verdict = offer({ order: unshipped({ financialStatus: 'PARTIALLY_REFUNDED' }) });
      expect(verdict.refund.amount).toBeNull();
      expect(verdict.reasons.map((r) => r.key)).toEqual(['policy:cancellation.review.refundToConfirm']);
    });

    it('goes back to the original payment for an EU or UK order, whatever the policy says', () => {
      const policy = buildPolicy((p) => { p.cancellation!.refundMethod = 'store_credit'; });
      expect(offer({ policy }).refund.method).toBe('original_payment');
      expect(offer({ policy, order: inUs() }).refund.method).toBe('store_credit');
      expect(offer({ policy: buildPolicy((p) => { p.cancellation!.refundMethod = 'shopper_choice'; }) }).refund.method).toBe('shopper_choice');
    });

    it('carries the policy’s restock, notification and partial settings, and the units left per line', () => {
      const policy = buildPolicy((p) => Object.assign(p.cancellation!, { restock: false, notifyCustomer: false, partial: true }));
      const order = unshipped({ lineItems: [aLine({ quantity: 3, currentQuantity: 2, unfulfilledQuantity: 3, paidUnitPrice: EUR('30.00') }), aLine({ id: 'gid://shopify/LineItem/2', currentQuantity: 0 })] });
      expect(offer({ policy, order })).toMatchObject({ restock: false, notifyCustomer: false, partial: true, lines: [{ lineItemId: 'gid://shopify/LineItem/1', units: 2 }] });
    });
  });
});

const EUR = (amount: string) => ({ amount, currencyCode: 'EUR' });
const SHIRT = 'gid://shopify/LineItem/1';
const SOCKS = 'gid://shopify/LineItem/2';

describe('cancelling some items only (a `partial` policy)', () => {
  const partial = buildPolicy((p) => { p.cancellation!.partial = true; });
  // Paid €64.90: two shirts at €25.00 after discounts, one pair of socks at €9.90, €5.00 shipping.
  const twoLines = (overrides: Partial<Order> = {}) => unshipped({
    lineItems: [
      aLine({ id: SHIRT, quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2, paidUnitPrice: EUR('25.00') }),
      aLine({ id: SOCKS, title: 'Socks', unfulfilledQuantity: 1, paidUnitPrice: EUR('9.90') }),
    ],
    ...overrides,
  });

  it('refunds what the picked units were paid, shipping kept, and cancels only them', () => {
    const verdict = offer({ policy: partial, order: twoLines(), selection: [{ lineItemId: SHIRT, units: 1 }] });
    expect(verdict).toMatchObject({ scope: 'items', mode: 'instant', partial: true, lines: [{ lineItemId: SHIRT, units: 1 }], refund: { amount: EUR('25.00') } });
    expect(verdict.available).toEqual([{ lineItemId: SHIRT, units: 2 }, { lineItemId: SOCKS, units: 1 }]);
  });

  it('a pick of every unit left is the whole order, refunded in full with its shipping', () => {
    const verdict = offer({ policy: partial, order: twoLines(), selection: [{ lineItemId: SOCKS, units: 1 }, { lineItemId: SHIRT, units: 2 }] });
    expect(verdict).toMatchObject({ scope: 'order', refund: { amount: EUR('64.90') } });
  });

  it('never offers part of an order the policy cancels whole, nor of one only authorised or whose prices are unknown', () => {
    const selection = [{ lineItemId: SHIRT, units: 1 }];
    const whole = buildPolicy((p) => { p.cancellation!.partial = false; });
    expect(offer({ policy: whole, order: twoLines(), selection })).toMatchObject({ scope: 'order', partial: false });
    expect(offer({ policy: partial, order: twoLines({ financialStatus: 'AUTHORIZED' }), selection })).toMatchObject({ scope: 'order', partial: false });
    const unpriced = twoLines({ lineItems: [aLine({ id: SHIRT, quantity: 2, currentQuantity: 2, unfulfilledQuantity: 2 })] });
    expect(offer({ policy: partial, order: unpriced, selection })).toMatchObject({ scope: 'order', partial: false });
    // One unit left: there is nothing to choose between.
    expect(offer({ policy: partial, selection })).toMatchObject({ partial: false });
  });

  it('weighs the value limit against the picked items, not the whole order', () => {
    const limited = buildPolicy((p) => Object.assign(p.cancellation!, { partial: true, maxValue: { EUR: '30.00' } }));
    expect(offer({ policy: limited, order: twoLines(), selection: [{ lineItemId: SHIRT, units: 1 }] }).mode).toBe('instant');
    const whole = offer({ policy: limited, order: twoLines() });
    expect(whole.mode).toBe('review');
    expect(whole.reasons.map((reason) => reason.key)).toContain('policy:cancellation.review.orderValue');
  });

  it('never promises more than what is left paid on the order', () => {
    const mostlyRefunded = twoLines({ financialStatus: 'PARTIALLY_REFUNDED' });
    const verdict = offer({ policy: partial, order: mostlyRefunded, facts: { tags: [], netPayment: EUR('10.00') }, selection: [{ lineItemId: SHIRT, units: 1 }] });
    expect(verdict.refund.amount).toEqual(EUR('10.00'));
  });

  it('checkSelection: at most the units left per line, at least one unit, lines at 0 dropped', () => {
    const available = [{ lineItemId: SHIRT, units: 2 }, { lineItemId: SOCKS, units: 1 }];
    expect(checkSelection(available, [{ lineItemId: SHIRT, units: 0 }, { lineItemId: SOCKS, units: 1 }])).toEqual({ ok: true, selection: [{ lineItemId: SOCKS, units: 1 }] });
    expect(checkSelection(available, [{ lineItemId: SHIRT, units: 0 }])).toEqual({ ok: false, problem: 'nothingChosen' });
    expect(checkSelection(available, [{ lineItemId: SHIRT, units: 3 }])).toEqual({ ok: false, problem: 'tooMany' });
    // The same line twice counts once, added up; a line not on the order has nothing left.
    expect(checkSelection(available, [{ lineItemId: SHIRT, units: 2 }, { lineItemId: SHIRT, units: 1 }])).toEqual({ ok: false, problem: 'tooMany' });
    expect(checkSelection(available, [{ lineItemId: 'gid://shopify/LineItem/9', units: 1 }])).toEqual({ ok: false, problem: 'tooMany' });
    expect(checkSelection(available, [{ lineItemId: SOCKS, units: -1 }])).toEqual({ ok: false, problem: 'tooMany' });
  });
});
