import { describe, expect, it } from 'vitest';
import { canReturnLine, decideReturn, type DecideReturnInput } from './decide-return';
import type { Policy } from './policy-schema';
import type { CustomerReturnHistory, ReturnContext, ReturnableLine } from './return-context';
import { PARIS, buildPolicy, makeContext, makeLine } from './test-fixtures';

const NOW = new Date('2026-03-20T10:00:00Z');
const noHistory: CustomerReturnHistory = { returnRequestedAt: [] };

function decide(lines: ReturnableLine[], options: Partial<Omit<DecideReturnInput, 'context'>> & { context?: Partial<ReturnContext> } = {}) {
  const { context, ...rest } = options;
  return decideReturn({
    context: makeContext(lines, context), history: noHistory, policy: buildPolicy(), now: NOW, timeZone: PARIS, ...rest,
  });
}

const only = (lines: ReturnableLine[], options?: Parameters<typeof decide>[1]) => {
  const [verdict] = decide(lines, options).lines;
  if (!verdict) throw new Error('no verdict');
  return verdict;
};

describe('decideReturn', () => {
  it('offers a delivered line inside the window with Shopify’s returnable quantity and the version', () => {
    const line = makeLine({ returnableQuantity: 2 });
    const decision = decide([line]);
    expect(decision.policyVersion).toBe(buildPolicy().version);
    expect(decision.lines[0]).toMatchObject({
      fulfillmentLineItemId: line.fulfillmentLineItemId, decision: 'eligible', returnableQuantity: 2, reasons: [], nextBest: [],
    });
    expect(decision.lines[0]?.window?.lastDay).toBe('2026-04-11');
    expect(canReturnLine(decision.lines[0]!)).toBe(true);
  });

  it('never offers gift cards, whatever their tags or dates', () => {
    const verdict = only([makeLine({ isGiftCard: true, productTags: [], returnableQuantity: 1 })]);
    expect(verdict).toMatchObject({ decision: 'not_eligible', returnableQuantity: 0, nextBest: ['contact'] });
    expect(verdict.reasons).toEqual([{ key: 'policy:refusal.giftCard', clauseId: '3.1', facts: {} }]);
    expect(canReturnLine(verdict)).toBe(false);
  });

  it('does not offer units Shopify no longer counts as returnable', () => {
    const verdict = only([makeLine({ returnableQuantity: 0 })]);
    expect(verdict.reasons.map((r) => r.key)).toEqual(['policy:refusal.alreadyReturned']);
    expect(verdict.reasons[0]?.clauseId).toBe('1.1');
  });

  it.each<[string, Partial<ReturnableLine>, string, string]>([
    ['tag', { productTags: ['silk', 'FINAL-SALE '] }, '3.2', 'FINAL-SALE '],
    ['productType', { productType: 'socks' }, '3.3', 'socks'],
    ['sku', { sku: 'TOT-PERSO-NAT' }, '3.4', 'TOT-PERSO-NAT'],
    ['vendor', { vendor: 'Maison Partenaire' }, '3.5', 'Maison Partenaire'],
  ])('refuses a line excluded by %s, naming the clause and the matching value', (kind, overrides, clauseId, value) => {
    const verdict = only([makeLine(overrides)]);
    expect(verdict.decision).toBe('not_eligible');
    expect(verdict.reasons).toEqual([{ key: `policy:refusal.excluded.${kind}`, clauseId, facts: { value } }]);
    expect(verdict.nextBest).toEqual(['contact']);
  });

  it('offers an exchange first when an exclusion allows one and the window is open', () => {
    const policy = buildPolicy((file) => { file.exclusions[0]!.nextBest = ['contact', 'exchange']; });
    const verdict = only([makeLine({ productTags: ['final-sale'] })], { policy });
    expect(verdict.nextBest).toEqual(['exchange', 'contact']);
    const late = only([makeLine({ productTags: ['final-sale'] })], { policy, now: new Date('2026-05-01T10:00:00Z') });
    expect(late.nextBest).toEqual(['contact']);
  });

  it('explains a closed window with the date arithmetic', () => {
    const verdict = only([makeLine()], { now: new Date('2026-04-12T08:00:00Z') });
    expect(verdict).toMatchObject({ decision: 'not_eligible', returnableQuantity: 0, nextBest: ['contact'] });
    expect(verdict.reasons).toEqual([{
      key: 'policy:refusal.windowClosed.delivery', clauseId: '2.1',
      facts: { deliveredOn: '2026-03-12', closedOn: '2026-04-11', closedAt: '2026-04-11T22:00:00.000Z', windowDays: 30, shippedOn: '2026-03-10', transitDays: 5 },
    }]);
  });

  it('names the assumed delivery and the order date when the window was counted from them', () => {
    const late = new Date('2026-06-01T10:00:00Z');
    const shipped = only([makeLine({ deliveredAt: null })], { now: late });
    expect(shipped.reasons[0]).toMatchObject({ key: 'policy:refusal.windowClosed.fulfillment', facts: { deliveredOn: '2026-03-15' } });
    const policy = buildPolicy((file) => { file.window.countFrom = ['delivery', 'order']; });
    const ordered = only([makeLine({ deliveredAt: null })], { now: late, policy, context: { shippingCountryCode: 'US' } });
    expect(ordered.reasons[0]).toMatchObject({ key: 'policy:refusal.windowClosed.order', facts: { orderedOn: '2026-03-08' } });
  });

  it('does not offer a line that is still on its way, and suggests contacting the store', () => {
    const verdict = only([makeLine({ deliveredAt: null, fulfilledAt: new Date('2026-03-18T09:00:00Z') })]);
    expect(verdict).toMatchObject({ decision: 'not_eligible', nextBest: ['contact'], window: null });
    expect(verdict.reasons).toEqual([{ key: 'policy:refusal.notDeliveredYet', clauseId: '2.1', facts: { shippedOn: '2026-03-18', expectedOn: '2026-03-23' } }]);
  });

  it('lists every refusal of a line, exclusions first', () => {
    const verdict = only([makeLine({ productTags: ['final-sale'] })], { now: new Date('2026-05-01T10:00:00Z') });
    expect(verdict.reasons.map((r) => r.clauseId)).toEqual(['3.2', '2.1']);
  });

  describe('auto-approval limits (clause 7.1)', () => {
    it('approves an order worth exactly the limit and reviews one a cent above', () => {
      expect(only([makeLine()], { context: { orderTotal: { amount: '600.00', currencyCode: 'EUR' } } }).decision).toBe('eligible');
      const verdict = only([makeLine()], { context: { orderTotal: { amount: '600.01', currencyCode: 'EUR' } } });
      expect(verdict).toMatchObject({ decision: 'needs_review', returnableQuantity: 1, nextBest: [] });
      expect(verdict.reasons).toEqual([{ key: 'policy:review.orderValue', clauseId: '7.1', facts: { orderTotal: '600.01', limit: '600.00', currencyCode: 'EUR' } }]);
    });

    it('compares in the order currency, and reviews a currency the policy does not price', () => {
      const cad = { amount: '899.99', currencyCode: 'CAD' };
      expect(only([makeLine({ unitPrice: cad })], { context: { orderTotal: cad } }).decision).toBe('eligible');
      const chf = { amount: '10.00', currencyCode: 'CHF' };
      const verdict = only([makeLine({ unitPrice: chf })], { context: { orderTotal: chf } });
      expect(verdict.reasons.map((r) => r.key)).toEqual(['policy:review.currencyNotCovered']);
    });

    it('reviews a customer with more previous returns in the period than allowed', () => {
      const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
      const three = { returnRequestedAt: [days(1), days(30), days(89)] };
      expect(only([makeLine()], { history: three }).decision).toBe('eligible');
      const four = { returnRequestedAt: [...three.returnRequestedAt, days(60)] };
      const verdict = only([makeLine()], { history: four });
      expect(verdict.reasons).toEqual([{ key: 'policy:review.previousReturns', clauseId: '7.1', facts: { previousReturns: 4, limit: 3, periodDays: 90 } }]);
      const oneTooOld = { returnRequestedAt: [...three.returnRequestedAt, days(90)] };
      expect(only([makeLine()], { history: oneTooOld }).decision).toBe('eligible');
    });

    it('leaves refused lines refused: review only concerns what could be returned', () => {
      const decision = decide([makeLine(), makeLine({ isGiftCard: true })], { context: { orderTotal: { amount: '900.00', currencyCode: 'EUR' } } });
      expect(decision.lines.map((l) => l.decision)).toEqual(['needs_review', 'not_eligible']);
    });
  });

  describe('EU/UK orders under a policy that falls short', () => {
    const tenDays = (): Policy => buildPolicy((file) => { file.window.days = 10; file.store.shipsTo = ['US', 'CA']; });
    const day13 = new Date('2026-03-25T10:00:00Z');

    it('applies the 14-day legal minimum and sends the line to a person', () => {
      const verdict = only([makeLine()], { policy: tenDays(), now: day13, context: { shippingCountryCode: 'DE' } });
      expect(verdict.decision).toBe('needs_review');
      expect(verdict.window?.lastDay).toBe('2026-03-26');
      expect(verdict.reasons).toEqual([{ key: 'policy:review.euRights', clauseId: '2.1', facts: { countryCode: 'DE', euWithdrawalDays: 14 } }]);
    });

    it('applies the policy as written outside the EU/UK', () => {
      const verdict = only([makeLine()], { policy: tenDays(), now: day13, context: { shippingCountryCode: 'US' } });
      expect(verdict.reasons[0]).toMatchObject({ key: 'policy:refusal.windowClosed.delivery', facts: { windowDays: 10, closedOn: '2026-03-22' } });
    });
  });

  it('decides the same way twice for the same input', () => {
    const lines = [makeLine(), makeLine({ productTags: ['final-sale'] }), makeLine({ isGiftCard: true })];
    expect(decide(lines)).toEqual(decide(lines));
  });
});
