import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeOffer, ExchangeOption } from '~/policy/exchange-options';
import { toMinorUnits } from '~/policy/money';
import { newReturnDraft, type DraftLine, type ReturnDraft } from '../drafts/return-draft';
import { applyOutcomes, checkExchanges, planExchanges, sumSettlements } from './exchange-choice';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const option = (variantId: string, overrides: Partial<ExchangeOption> = {}): ExchangeOption => ({
  productId: 'gid://shopify/Product/1', variantId, productTitle: 'Marinière', variantTitle: variantId, image: null, price: eur('45.00'),
  stock: { state: 'in_stock', left: 5 }, difference: { settle: 'none', amount: eur('0.00') }, available: true, unavailable: null, ...overrides,
});
const SOLD_OUT = option('XS', { stock: { state: 'sold_out', left: 0 }, available: false, unavailable: { key: 'policy:exchange.soldOut', clauseId: '5.5' } });
const offer: ExchangeOffer = {
  offered: true, clauseId: '5.5', acrossRefusal: null,
  sameProduct: [option('L'), SOLD_OUT],
  otherProducts: [option('Polo M', { productId: 'gid://shopify/Product/2', productTitle: 'Polo', price: eur('49.00'), difference: { settle: 'invoice', amount: eur('4.00') } })],
};
const line = (overrides: Partial<DraftLine> = {}): DraftLine => ({ quantity: 1, reasonId: 'size-too-small', note: '', photoKeys: [], conditions: [], exchange: null, ...overrides });
const draftOf = (lines: Record<string, DraftLine>): ReturnDraft => ({ ...newReturnDraft('0f8fad5b-d9cb-469f-a165-70867728950e'), lines });
const offers = new Map([['top', offer]]);

describe('the shopper’s exchange choice', () => {
  it('keeps an offered variant with its product, goes back to a refund on "refund", and refuses a variant no offer names', () => {
    const chosen = applyOutcomes(draftOf({ top: line() }), [{ lineId: 'top', choice: 'Polo M' }], offers);
    expect(chosen).toEqual({ draft: draftOf({ top: line({ exchange: { productId: 'gid://shopify/Product/2', variantId: 'Polo M' } }) }), errors: {} });
    expect(applyOutcomes(chosen.draft, [{ lineId: 'top', choice: 'refund' }], offers).draft.lines.top!.exchange).toBeNull();
    expect(applyOutcomes(chosen.draft, [{ lineId: 'top', choice: 'gid://forged' }], offers)).toEqual({ draft: draftOf({ top: line() }), errors: { top: ['policy:exchange.noLongerOffered'] } });
    // A line not in the draft is not added by a post.
    expect(applyOutcomes(draftOf({}), [{ lineId: 'other', choice: 'L' }], offers).draft.lines).toEqual({});
  });

  it('says why a choice cannot go ahead: sold out since, no offer any more, or a refusal by the policy', () => {
    const soldOut = draftOf({ top: line({ exchange: { productId: 'gid://shopify/Product/1', variantId: 'XS' } }) });
    expect(checkExchanges(soldOut, offers)).toEqual({ top: ['policy:exchange.soldOut'] });
    expect(checkExchanges(soldOut, new Map())).toEqual({ top: ['policy:exchange.noLongerOffered'] });
    const refused: ExchangeOffer = { offered: false, refusal: { key: 'policy:exchange.notForReason', clauseId: '5.3' } };
    expect(checkExchanges(soldOut, new Map([['top', refused]]))).toEqual({ top: ['policy:exchange.notForReason'] });
    expect(checkExchanges(draftOf({ top: line() }), new Map())).toEqual({});
    expect(planExchanges(soldOut, offers)).toEqual([]);
  });

  it('prices each exchange for all its units, and sums the differences per way of settling them', () => {
    const two = draftOf({ top: line({ quantity: 2, exchange: { productId: 'gid://shopify/Product/2', variantId: 'Polo M' } }) });
    const planned = planExchanges(two, offers);
    expect(planned).toEqual([expect.objectContaining({ fulfillmentLineItemId: 'top', quantity: 2, clauseId: '5.5', settlement: { settle: 'invoice', amount: eur('8.00') } })]);
    expect(sumSettlements(planned, 'EUR')).toEqual({ invoice: eur('8.00'), refund: eur('0.00'), store_credit: eur('0.00'), kept: eur('0.00') });
  });

  it('never settles a negative amount, whatever the prices and quantities (property)', () => {
    const settles = fc.constantFrom('none', 'refund', 'store_credit', 'kept', 'invoice' as const);
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 999 }), settles, (cents, quantity, settle) => {
      const amount = eur((cents / 100).toFixed(2));
      const one: ExchangeOffer = { ...offer, sameProduct: [option('L', { difference: { settle, amount } })] };
      const planned = planExchanges(draftOf({ top: line({ quantity, exchange: { productId: 'gid://shopify/Product/1', variantId: 'L' } }) }), new Map([['top', one]]));
      const sums = sumSettlements(planned, 'EUR');
      expect(Object.values(sums).every((sum) => toMinorUnits(sum.amount, 'EUR') >= 0)).toBe(true);
      expect(toMinorUnits(planned[0]!.settlement.amount.amount, 'EUR')).toBe(cents * quantity);
    }));
  });
});
