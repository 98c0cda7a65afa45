import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resources } from '~/i18n';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Order, Parcel, ParcelStatus } from '~/orders/types';
import { fromMinorUnits, toMinorUnits } from './money';
import { getAmount, type Policy } from './policy-schema';
import { decideProblem, listProblemOptions, type ProblemOption, type ProblemReport } from './problems';
import { addDays, toZonedDate } from './zoned-date';
import { buildPolicy } from './test-fixtures';

const HOUR = 3_600_000;
const SHIPPED = new Date('2026-11-10T09:00:00Z');

const policies: Policy[] = [
  buildPolicy(),
  buildPolicy((p) => Object.assign(p.problems!.damaged!, { offer: 'store_credit', reportWithinDays: 3, maxValue: '40.00' })),
  buildPolicy((p) => { delete p.problems!.wrongItem; delete p.problems!.deliveredNotFound; Object.assign(p.problems!.notReceived!, { graceDays: 0, transitDays: 1, carrierIssueDays: 0 }); }),
  buildPolicy((p) => { delete p.problems; }),
];

const STATUSES: ParcelStatus[] = ['label_created', 'confirmed', 'in_transit', 'out_for_delivery', 'delivered', 'attempted_delivery', 'delayed', 'ready_for_pickup', 'failure', 'cancelled'];

/** Mostly what a reportable order looks like, so that many scenarios get past the refusals. */
const often = <T>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 3 }, { arbitrary: other, weight: 2 });

const parcelArb = (lineCount: number) => fc.record({
  status: often(fc.constant<ParcelStatus>('delivered'), fc.constantFrom(...STATUSES)),
  estimateHours: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  deliveredHours: fc.option(fc.integer({ min: 1, max: 1_500 }), { freq: 5, nil: undefined }),
  eventHours: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  quantities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: lineCount, maxLength: lineCount }),
});

const scenario = fc.constantFrom('EUR', 'USD', 'JPY', 'CAD').chain((currencyCode) => fc.integer({ min: 1, max: 3 }).chain((lineCount) => fc.record({
  policy: fc.constantFrom(...policies),
  currencyCode: fc.constant(currencyCode),
  prices: fc.array(often(fc.integer({ min: 100, max: 12_000 }), fc.constantFrom(2_000, 5_000, 10_000, 10_001, 30_000)), { minLength: lineCount, maxLength: lineCount }),
  refunded: fc.array(often(fc.constant(0), fc.constant(1)), { minLength: lineCount, maxLength: lineCount }),
  totalFactorPercent: fc.constantFrom(100, 100, 20),
  parcels: fc.array(parcelArb(lineCount), { minLength: 1, maxLength: 2 }),
  elapsedHours: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 400 })),
  country: fc.constantFrom('FR', 'GB', 'US', 'CA', null),
  timeZone: fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC'),
})));

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
type Input = { policy: Policy; order: Order; now: Date; timeZone: string };

/** The rules with a value limit, by the report they govern. */
const LIMITED = { not_received: 'notReceived', missing_item: 'missingItem', damaged: 'damaged', wrong_item: 'wrongItem' } as const;

const at = (hours: number) => new Date(SHIPPED.getTime() + hours * HOUR);

function toInput(s: Scenario): Input {
  const lineItems = s.prices.map((price, i) => aLine({
    id: `gid://shopify/LineItem/${i + 1}`, quantity: 3, currentQuantity: 3 - (s.refunded[i] ?? 0),
    unitPrice: { amount: fromMinorUnits(price, s.currencyCode), currencyCode: s.currencyCode },
  }));
  const total = Math.round((s.prices.reduce((sum, price) => sum + price * 3, 0) * s.totalFactorPercent) / 100);
  const parcels: Parcel[] = s.parcels.map((p, n) => aParcel({
    id: `gid://shopify/Fulfillment/${n + 1}`, status: p.status, createdAt: SHIPPED,
    estimatedDeliveryAt: p.estimateHours === undefined ? null : at(p.estimateHours),
    deliveredAt: p.status === 'delivered' && p.deliveredHours !== undefined ? at(p.deliveredHours) : null,
    events: p.eventHours === undefined ? [] : [{ status: p.status, happenedAt: at(p.eventHours), message: null, location: null }],
    lines: p.quantities.map((quantity, i) => ({ lineItemId: `gid://shopify/LineItem/${i + 1}`, quantity })).filter((line) => line.quantity > 0),
  }));
  const order = anOrder({
    lineItems, parcels, total: { amount: fromMinorUnits(total, s.currencyCode), currencyCode: s.currencyCode },
    shippingAddress: { ...anOrder().shippingAddress!, countryCode: s.country },
  });
  return { policy: s.policy, order, now: at(s.elapsedHours), timeZone: s.timeZone };
}

const list = ({ policy, order, now, timeZone }: Input) => listProblemOptions(policy, order, now, timeZone);
const isDelivered = (parcel: Parcel) => parcel.status === 'delivered' || parcel.deliveredAt !== null;

/** The report a shopper filling in the form completely would send. */
function fullReport(parcelId: string, option: Extract<ProblemOption, { offered: true }>): ProblemReport {
  return { type: option.type, parcelId, photos: option.photos, ...(option.scope === 'lines' ? { lines: option.lines } : {}) };
}

function forEachOption(input: Input, check: (parcel: Parcel, option: ProblemOption) => void) {
  for (const { parcelId, options } of list(input).parcels) {
    const parcel = input.order.parcels.find((p) => p.id === parcelId)!;
    for (const option of options) check(parcel, option);
  }
}

describe('problem report properties', () => {
  it('gives the same answer to the same question, and leaves its input as it was', () => {
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const copy = structuredClone(input.order);
      expect(list(toInput(structuredClone(s)))).toEqual(list(input));
      expect(input.order).toEqual(copy);
    }), { numRuns: 150 });
  });

  it('never offers “not received” for a delivered parcel, nor item reports or a question out of turn', () => {
    let offered = 0;
    fc.assert(fc.property(scenario, (s) => {
      forEachOption(toInput(s), (parcel, option) => {
        if (!option.offered) return;
        offered += 1;
        if (option.type === 'not_received' || option.type === 'delivery_question') expect(isDelivered(parcel)).toBe(false);
        else expect(isDelivered(parcel)).toBe(true);
      });
    }), { numRuns: 400 });
    expect(offered).toBeGreaterThan(200);
  });

  it('offers a parcel still travelling as not received exactly once its expected day and grace days are over', () => {
    let both = { offered: 0, refused: 0 };
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const rule = input.policy.problems?.notReceived;
      if (!rule) return;
      forEachOption(input, (parcel, option) => {
        if (option.type !== 'not_received' || isDelivered(parcel) || ['failure', 'attempted_delivery', 'cancelled'].includes(parcel.status)) return;
        const expectedOn = parcel.estimatedDeliveryAt ? toZonedDate(parcel.estimatedDeliveryAt, input.timeZone) : addDays(toZonedDate(parcel.createdAt, input.timeZone), rule.transitDays);
        const over = toZonedDate(input.now, input.timeZone) > addDays(expectedOn, rule.graceDays);
        expect(option.offered).toBe(over);
        both = option.offered ? { ...both, offered: both.offered + 1 } : { ...both, refused: both.refused + 1 };
      });
    }), { numRuns: 400 });
    expect(Math.min(both.offered, both.refused)).toBeGreaterThan(20);
  });

  it('takes every complete report the options offer, and refuses the others with the options’ reason', () => {
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      forEachOption(input, (parcel, option) => {
        const report = option.offered ? fullReport(parcel.id, option) : { type: option.type, parcelId: parcel.id, photos: 10 };
        const decision = decideProblem(input.policy, input.order, report, input.now, input.timeZone);
        if (option.offered) expect(decision.ok, JSON.stringify(decision)).toBe(option.lines.length > 0 || option.scope === 'parcel');
        else expect(decision).toEqual({ ok: false, refusal: option.refusal });
      });
    }), { numRuns: 300 });
  });

  it('never pays more than the goods reported or the order, and pays only within the value limit', () => {
    let paid = 0;
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      forEachOption(input, (parcel, option) => {
        if (!option.offered) return;
        // One unit of one line, as often reported, so that many reports fall under the limits.
        const first = option.lines[0];
        const report = option.scope === 'lines' && first ? { ...fullReport(parcel.id, option), lines: [{ ...first, quantity: 1 }] } : fullReport(parcel.id, option);
        const decision = decideProblem(input.policy, input.order, report, input.now, input.timeZone);
        if (!decision.ok) return;
        const { offer } = decision;
        expect(offer.outcome === 'review').toBe(offer.reasons.length > 0);
        const value = offer.lines.reduce((sum, line) => sum + (s.prices[Number(line.lineItemId.split('/').at(-1)) - 1] ?? NaN) * line.quantity, 0);
        expect(toMinorUnits(offer.value.amount, s.currencyCode)).toBe(value);
        if (!offer.amount) return expect(['refund', 'store_credit']).not.toContain(offer.outcome);
        paid += 1;
        const amount = toMinorUnits(offer.amount.amount, offer.amount.currencyCode);
        expect(offer.amount.currencyCode).toBe(s.currencyCode);
        expect(amount).toBeLessThanOrEqual(Math.min(value, toMinorUnits(input.order.total.amount, s.currencyCode)));
        const rule = input.policy.problems?.[LIMITED[offer.type as keyof typeof LIMITED]];
        const limit = rule?.maxValue === undefined ? null : getAmount(rule.maxValue, s.currencyCode, 'EUR');
        if (rule?.maxValue !== undefined) expect(limit).not.toBeNull();
        if (limit !== null) expect(value).toBeLessThanOrEqual(toMinorUnits(limit, s.currencyCode));
      });
    }), { numRuns: 400 });
    expect(paid).toBeGreaterThan(20);
  });

  it('refuses a report short of photos or asking more units than shipped', () => {
    let checked = 0;
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      forEachOption(input, (parcel, option) => {
        if (!option.offered || option.scope !== 'lines' || option.lines.length === 0) return;
        checked += 1;
        const report = fullReport(parcel.id, option);
        const tooMany = { ...report, lines: report.lines!.map((line, i) => (i === 0 ? { ...line, quantity: line.quantity + 1 } : line)) };
        expect(decideProblem(input.policy, input.order, tooMany, input.now, input.timeZone).ok).toBe(false);
        if (option.photos > 0) expect(decideProblem(input.policy, input.order, { ...report, photos: option.photos - 1 }, input.now, input.timeZone).ok).toBe(false);
      });
    }), { numRuns: 300 });
    expect(checked).toBeGreaterThan(30);
  });

  it('never leaves a damaged or wrong item delivered in the EU/UK without an answer', () => {
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      if (!input.policy.problems || !['FR', 'GB'].includes(s.country ?? '')) return;
      forEachOption(input, (parcel, option) => {
        if ((option.type === 'damaged' || option.type === 'wrong_item') && isDelivered(parcel)) expect(option.offered).toBe(true);
      });
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
      forEachOption(toInput(s), (_, option) => {
        const keys = option.offered ? option.reasons.map((r) => r.key) : [option.refusal.key];
        for (const key of [...keys, `policy:problems.type.${option.type}`]) {
          expect(has('en', key), key).toBe(true);
          expect(has('fr', key), key).toBe(true);
        }
      });
    }), { numRuns: 300 });
  });
});
