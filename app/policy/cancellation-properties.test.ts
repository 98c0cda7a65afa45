import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resources } from '~/i18n';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Money, Order, Parcel, ParcelStatus, StoreReturn } from '~/orders/types';
import { decideCancellation, type CancellationVerdict, type DecideCancellationInput } from './cancellation';
import { fromMinorUnits, toMinorUnits } from './money';
import { getAmount, type Policy } from './policy-schema';
import { buildPolicy } from './test-fixtures';

const HOUR = 3_600_000;
const ORDERED = new Date('2026-11-09T14:30:00Z');

const policies: Policy[] = [
  buildPolicy(),
  buildPolicy((p) => Object.assign(p.cancellation!, { partial: true, refundMethod: 'store_credit', excludedTags: [{ clause: '8.2', tags: ['bespoke'], then: 'refuse' }] })),
  buildPolicy((p) => Object.assign(p.cancellation!, { windowHours: 0, reviewWindowHours: 6, maxValue: '50.00' })),
  buildPolicy((p) => { delete p.cancellation; }),
];

const parcelArb = fc.record({
  status: fc.constantFrom<ParcelStatus>('cancelled', 'cancelled', 'label_created', 'in_transit', 'delivered'),
  shippedAfterHours: fc.integer({ min: 0, max: 60 }),
}).map(({ status, shippedAfterHours }) => aParcel({ status, createdAt: new Date(ORDERED.getTime() + shippedAfterHours * HOUR) }));

/** Mostly what a cancellable order looks like, so that many scenarios get past the refusals. */
const often = <T>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: other, weight: 1 });

const lineArb = fc.record({ quantity: fc.integer({ min: 1, max: 3 }), removed: often(fc.constant(0), fc.integer({ min: 1, max: 3 })), shipped: often(fc.constant(0), fc.integer({ min: 1, max: 3 })) })
  .map(({ quantity, removed, shipped }) => {
    const currentQuantity = Math.max(0, quantity - removed);
    return aLine({ quantity, currentQuantity, unfulfilledQuantity: Math.max(0, quantity - shipped) });
  });

const returnArb = fc.constantFrom<StoreReturn['status']>('requested', 'open', 'closed', 'declined', 'cancelled').map((status): StoreReturn => ({
  id: 'gid://shopify/Return/1', name: '#1001-R1', status, createdAt: ORDERED, closedAt: null, lines: [], exchanges: [], refunded: null,
}));

const scenario = fc.constantFrom('EUR', 'CAD', 'USD', 'JPY').chain((currencyCode) => fc.record({
  policy: fc.constantFrom(...policies),
  currencyCode: fc.constant(currencyCode),
  totalMinor: fc.oneof(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(5_000, 30_000, 30_001, 45_000)),
  netPaymentMinor: fc.option(fc.integer({ min: -500, max: 50_000 }), { nil: undefined }),
  financialStatus: often(fc.constantFrom('PAID', 'AUTHORIZED'), fc.constantFrom('PENDING', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED', null)),
  fulfillmentStatus: often(fc.constant('UNFULFILLED'), fc.constantFrom('ON_HOLD', 'IN_PROGRESS', 'SCHEDULED', 'PARTIALLY_FULFILLED', 'FULFILLED')),
  parcels: often(fc.constant<Parcel[]>([]), fc.array(parcelArb, { maxLength: 2 })),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
  returns: often(fc.constant<StoreReturn[]>([]), fc.array(returnArb, { maxLength: 2 })),
  cancelled: often(fc.constant(false), fc.constant(true)),
  tags: often(fc.constant<string[] | undefined>(['gift']), fc.option(fc.subarray(['made-to-order', 'bespoke', 'gift', 'MADE-TO-ORDER ']), { nil: undefined })),
  closed: often(fc.constant<boolean | undefined>(undefined), fc.boolean()),
  processedEarlierHours: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }),
  elapsedMs: fc.oneof(fc.integer({ min: -HOUR, max: 8 * HOUR }), fc.integer({ min: -HOUR, max: 80 * HOUR }), fc.constantFrom(0, 6, 12, 48).chain((h) => fc.integer({ min: -2_000, max: 2_000 }).map((d) => h * HOUR + d))),
  country: fc.constantFrom('FR', 'GB', 'US', 'CA', null),
  timeZone: fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC'),
  // Each line's price after discounts (left out on some orders) and the units a shopper picks.
  unitMinors: fc.array(often(fc.integer({ min: 0, max: 20_000 }), fc.constant(-1)), { minLength: 3, maxLength: 3 }),
  picks: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }), { nil: undefined }),
}));

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario): DecideCancellationInput {
  const money = (minor: number): Money => ({ amount: fromMinorUnits(minor, s.currencyCode), currencyCode: s.currencyCode });
  const order: Order = anOrder({
    createdAt: ORDERED, cancelledAt: s.cancelled ? new Date(ORDERED.getTime() + HOUR) : null,
    financialStatus: s.financialStatus, fulfillmentStatus: s.fulfillmentStatus, total: money(s.totalMinor),
    shippingAddress: { ...anOrder().shippingAddress!, countryCode: s.country },
    lineItems: s.lines.map((line, i) => ({ ...line, id: `gid://shopify/LineItem/${i + 1}`, ...(s.unitMinors[i]! >= 0 ? { paidUnitPrice: money(s.unitMinors[i]!) } : {}) })),
    parcels: s.parcels, returns: s.returns,
  });
  const facts = {
    tags: s.tags, closed: s.closed,
    netPayment: s.netPaymentMinor === undefined ? undefined : money(s.netPaymentMinor),
    processedAt: s.processedEarlierHours === undefined ? undefined : new Date(ORDERED.getTime() - s.processedEarlierHours * HOUR),
  };
  const selection = s.picks && s.lines.map((_, i) => ({ lineItemId: `gid://shopify/LineItem/${i + 1}`, units: s.picks![i]! }));
  return { policy: s.policy, order, facts, now: new Date(ORDERED.getTime() + s.elapsedMs), timeZone: s.timeZone, ...(selection ? { selection } : {}) };
}

const run = (s: Scenario): CancellationVerdict => decideCancellation(toInput(s));

/** What the shopper paid, worked out here independently of the engine; null when unknown. */
function paidMinor(input: DecideCancellationInput): number | null {
  const { order, facts } = input;
  if (facts?.netPayment) return Math.max(0, toMinorUnits(facts.netPayment.amount, facts.netPayment.currencyCode));
  if (order.financialStatus === 'PAID') return toMinorUnits(order.total.amount, order.total.currencyCode);
  return ['AUTHORIZED', 'PENDING', 'EXPIRED', 'VOIDED', 'REFUNDED'].includes(order.financialStatus ?? '') ? 0 : null;
}

/** What the picked units were paid, from the lines' prices. */
function itemsValueMinor(input: DecideCancellationInput, lines: { lineItemId: string; units: number }[]): number {
  return lines.reduce((sum, { lineItemId, units }) => {
    const price = input.order.lineItems.find((line) => line.id === lineItemId)?.paidUnitPrice;
    return sum + (price ? toMinorUnits(price.amount, price.currencyCode) * units : Number.NaN);
  }, 0);
}

describe('cancellation engine properties', () => {
  it('cancels some items only where the policy and the payment allow it, within the units left, refunding at most their price', () => {
    let partials = 0;
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const verdict = decideCancellation(input);
      if (!verdict.offered) return;
      if (verdict.scope === 'order') {
        expect(verdict.lines).toEqual(verdict.available);
        return;
      }
      partials += 1;
      expect(input.policy.cancellation!.partial && verdict.partial && ['PAID', 'PARTIALLY_REFUNDED'].includes(s.financialStatus ?? '')).toBe(true);
      const left = new Map(verdict.available.map((line) => [line.lineItemId, line.units]));
      for (const line of verdict.lines) expect(line.units).toBeLessThanOrEqual(left.get(line.lineItemId) ?? 0);
      const picked = verdict.lines.reduce((sum, line) => sum + line.units, 0);
      expect(picked).toBeGreaterThan(0);
      expect(picked).toBeLessThan(verdict.available.reduce((sum, line) => sum + line.units, 0));
      if (verdict.refund.amount) expect(toMinorUnits(verdict.refund.amount.amount, s.currencyCode)).toBeLessThanOrEqual(Math.min(itemsValueMinor(input, verdict.lines), paidMinor(input) ?? Infinity));
    }), { numRuns: 500 });
    expect(partials).toBeGreaterThan(5);
  });

  it('gives the same answer to the same question', () => {
    fc.assert(fc.property(scenario, (s) => {
      expect(run(structuredClone(s))).toEqual(run(s));
    }), { numRuns: 200 });
  });

  it('never offers an order once it is cancelled or anything of it has shipped', () => {
    fc.assert(fc.property(scenario, (s) => {
      const verdict = run(s);
      const shipped = s.parcels.some((p) => p.status !== 'cancelled') || ['FULFILLED', 'PARTIALLY_FULFILLED'].includes(s.fulfillmentStatus);
      if (s.cancelled || shipped) expect(verdict.offered).toBe(false);
    }), { numRuns: 500 });
  });

  it('never refunds more than was paid, nor in another currency', () => {
    let refunded = 0;
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const verdict = decideCancellation(input);
      if (!verdict.offered) return;
      const paid = paidMinor(input);
      if (verdict.refund.amount === null) {
        expect(paid).toBeNull();
        expect(verdict.mode).toBe('review');
        return;
      }
      refunded += 1;
      expect(verdict.refund.amount.currencyCode).toBe(s.currencyCode);
      const amount = toMinorUnits(verdict.refund.amount.amount, s.currencyCode);
      expect(amount).toBeGreaterThanOrEqual(0);
      expect(amount).toBeLessThanOrEqual(paid ?? -1);
    }), { numRuns: 500 });
    // The generators must reach offers with a refund, or the property proves nothing.
    expect(refunded).toBeGreaterThan(25);
  });

  it('cancels at once only inside the window, under the value limit, and with no reason to review', () => {
    let instant = 0;
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const verdict = decideCancellation(input);
      if (!verdict.offered) return;
      const rules = input.policy.cancellation!;
      expect(verdict.mode === 'review').toBe(verdict.reasons.length > 0);
      if (verdict.mode !== 'instant') return;
      instant += 1;
      const orderedAt = input.facts?.processedAt ?? input.order.createdAt;
      expect(input.now.getTime()).toBeLessThan(orderedAt.getTime() + rules.windowHours * HOUR);
      const limit = rules.maxValue === undefined ? null : getAmount(rules.maxValue, s.currencyCode, input.policy.store.currency);
      if (rules.maxValue !== undefined) expect(limit).not.toBeNull();
      // The limit weighs what is cancelled: the whole order, or the picked units at their price.
      const weighed = verdict.scope === 'items' ? itemsValueMinor(input, verdict.lines) : s.totalMinor;
      if (limit !== null) expect(weighed).toBeLessThanOrEqual(toMinorUnits(limit, s.currencyCode));
    }), { numRuns: 500 });
    expect(instant).toBeGreaterThan(5);
  });

  it('refuses a shopper outside the EU and UK once the review window has closed', () => {
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const rules = input.policy.cancellation;
      const orderedAt = input.facts?.processedAt ?? input.order.createdAt;
      if (!rules || s.country === 'FR' || s.country === 'GB') return;
      if (input.now.getTime() >= orderedAt.getTime() + rules.reviewWindowHours * HOUR) expect(run(s).offered).toBe(false);
    }), { numRuns: 300 });
  });

  it('only speaks in keys both languages translate', () => {
    const has = (language: 'en' | 'fr', key: string) => {
      const [ns, path] = key.split(':') as [keyof typeof resources.en, string];
      let node: unknown = resources[language][ns];
      for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
      return typeof node === 'string';
    };
    fc.assert(fc.property(scenario, (s) => {
      const verdict = run(s);
      const keys = verdict.offered ? verdict.reasons.map((r) => r.key) : [verdict.refusal.key];
      for (const key of keys) {
        expect(has('en', key), key).toBe(true);
        expect(has('fr', key), key).toBe(true);
      }
    }), { numRuns: 300 });
  });
});
