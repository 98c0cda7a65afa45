import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resources } from '~/i18n';
import { decideReturn, type DecideReturnInput, type ReturnDecision } from './decide-return';
import { fromMinorUnits, toMinorUnits } from './money';
import type { Policy } from './policy-schema';
import { quoteReturn, type ReturnQuote } from './quote-return';
import type { ReturnableLine } from './return-context';
import { buildPolicy, makeContext, makeLine } from './test-fixtures';
import type { RefundMethod, SelectedLine } from './validate-selection';

const policies: Policy[] = [
  buildPolicy(),
  buildPolicy((p) => { p.refunds.restockingFee = { percent: 7.5, waivedFor: [] }; p.refunds.storeCredit.bonusPercent = 12.5; }),
  buildPolicy((p) => { delete p.keepItem; p.window.countFrom = ['delivery']; p.window.days = 14; }),
];

const instant = fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-07-01T00:00:00Z'), noInvalidDate: true });
const currency = fc.constantFrom('EUR', 'CAD', 'USD', 'JPY');

const NOW = new Date('2026-04-15T10:00:00Z');
const DAY = 86_400_000;

/** Mostly plausible lines (delivered lately, not excluded) so that many selections get priced. */
const lineArb = (currencyCode: string) => fc.record({
  returnableQuantity: fc.integer({ min: 0, max: 6 }),
  minor: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 500_000 })),
  isGiftCard: fc.constantFrom(false, false, false, false, true),
  productTags: fc.oneof(fc.constant<string[]>(['cotton']), fc.subarray(['final-sale', 'cotton', 'outlet'])),
  productType: fc.constantFrom('Tops', 'Tops', 'Socks', null),
  deliveredDaysAgo: fc.option(fc.integer({ min: -2, max: 45 }), { nil: null, freq: 4 }),
  transitDays: fc.integer({ min: 0, max: 8 }),
  minutes: fc.integer({ min: 0, max: 1_439 }),
}).map(({ minor, deliveredDaysAgo, transitDays, minutes, ...rest }) => {
  const deliveredAt = deliveredDaysAgo === null ? null : new Date(NOW.getTime() - deliveredDaysAgo * DAY + minutes * 60_000);
  const fulfilledAt = new Date((deliveredAt ?? NOW).getTime() - transitDays * DAY);
  return makeLine({ ...rest, deliveredAt, fulfilledAt, unitPrice: { amount: fromMinorUnits(minor, currencyCode), currencyCode } });
});

const scenario = currency.chain((currencyCode) => fc.record({
  currencyCode: fc.constant(currencyCode),
  lines: fc.array(lineArb(currencyCode), { minLength: 1, maxLength: 5 }),
  policy: fc.constantFrom(...policies),
  now: fc.integer({ min: -3 * DAY, max: 3 * DAY }).map((shift) => new Date(NOW.getTime() + shift)),
  timeZone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC'),
  country: fc.constantFrom('FR', 'DE', 'GB', 'US', 'CA', null),
  history: fc.array(instant, { maxLength: 6 }),
  picks: fc.array(fc.record({
    index: fc.nat(), quantity: fc.oneof(fc.integer({ min: 1, max: 2 }), fc.integer({ min: -1, max: 8 })),
    reasonId: fc.constantFrom('size-too-small', 'defective', 'changed-mind', 'wrong-item', 'other', 'nope'),
    outcome: fc.constantFrom('refund', 'refund', 'exchange', 'store_credit' as const),
  }), { minLength: 1, maxLength: 6 }),
  refundMethod: fc.constantFrom<RefundMethod>('original_payment', 'store_credit'),
}));

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario): DecideReturnInput {
  const total = s.lines.reduce((sum, line) => sum + toMinorUnits(line.unitPrice.amount, s.currencyCode) * Math.max(1, line.returnableQuantity), 0);
  const context = makeContext(s.lines, {
    orderTotal: { amount: fromMinorUnits(total, s.currencyCode), currencyCode: s.currencyCode }, shippingCountryCode: s.country,
  });
  return { context, history: { returnRequestedAt: s.history }, policy: s.policy, now: s.now, timeZone: s.timeZone };
}

function run(s: Scenario): { decision: ReturnDecision; quote: ReturnQuote } {
  const input = toInput(s);
  const decision = decideReturn(input);
  const selection: SelectedLine[] = s.picks.map((pick) => ({
    fulfillmentLineItemId: (s.lines[pick.index % s.lines.length] as ReturnableLine).fulfillmentLineItemId,
    quantity: pick.quantity, reasonId: pick.reasonId, outcome: pick.outcome,
  }));
  const quote = quoteReturn({ decision, selection, refundMethod: s.refundMethod, policy: s.policy, context: input.context });
  return { decision, quote };
}

const minor = (amount: string, code: string) => toMinorUnits(amount, code);

describe('policy engine properties', () => {
  it('never offers more units than Shopify counts as returnable, and never a gift card', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { decision } = run(s);
      expect(decision.lines).toHaveLength(s.lines.length);
      decision.lines.forEach((verdict, i) => {
        const line = s.lines[i] as ReturnableLine;
        expect(verdict.returnableQuantity).toBeGreaterThanOrEqual(0);
        expect(verdict.returnableQuantity).toBeLessThanOrEqual(line.returnableQuantity);
        if (verdict.decision === 'not_eligible') expect(verdict.returnableQuantity).toBe(0);
        if (line.isGiftCard) expect(verdict.decision).toBe('not_eligible');
        if (verdict.decision !== 'eligible') expect(verdict.reasons.length).toBeGreaterThan(0);
      });
    }), { numRuns: 300 });
  });

  it('never quotes a negative refund, fees above a line’s value, or units beyond Shopify’s count', () => {
    let priced = 0;
    fc.assert(fc.property(scenario, (s) => {
      const { quote } = run(s);
      if (quote.lines.length > 0) priced += 1;
      const code = s.currencyCode;
      let refund = 0;
      for (const line of quote.lines) {
        const source = s.lines.find((l) => l.fulfillmentLineItemId === line.fulfillmentLineItemId) as ReturnableLine;
        expect(line.quantity).toBeLessThanOrEqual(source.returnableQuantity);
        expect(minor(line.estimatedRefund.amount, code)).toBeGreaterThanOrEqual(0);
        expect(minor(line.fee.amount, code)).toBeGreaterThanOrEqual(0);
        expect(minor(line.fee.amount, code)).toBeLessThanOrEqual(minor(line.itemsValue.amount, code));
        expect(line.fee.currencyCode).toBe(code);
        refund += minor(line.estimatedRefund.amount, code);
      }
      expect(minor(quote.totals.estimatedRefund.amount, code)).toBe(refund);
      expect(minor(quote.totals.fees.amount, code)).toBeLessThanOrEqual(minor(quote.totals.itemsValue.amount, code));
    }), { numRuns: 500 });
    // The generators must reach priced selections, or the property proves nothing.
    expect(priced).toBeGreaterThan(50);
  });

  it('gives the same answer to the same question', () => {
    fc.assert(fc.property(scenario, (s) => {
      expect(run(structuredClone(s))).toEqual(run(s));
    }), { numRuns: 100 });
  });

  it('only speaks in keys both languages translate', () => {
    const has = (language: 'en' | 'fr', key: string) => {
      const [ns, path] = key.split(':') as [keyof typeof resources.en, string];
      let node: unknown = resources[language][ns];
      for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part] ?? (node as Record<string, unknown> | undefined)?.[`${part}_other`];
      return typeof node === 'string';
    };
    fc.assert(fc.property(scenario, (s) => {
      const { decision, quote } = run(s);
      const keys = [
        ...decision.lines.flatMap((l) => l.reasons.map((r) => r.key)),
        ...quote.errors.map((e) => e.key), ...quote.reviewReasons.map((r) => r.key),
      ];
      for (const key of keys) {
        expect(has('en', key), key).toBe(true);
        expect(has('fr', key), key).toBe(true);
      }
    }), { numRuns: 200 });
  });
});
