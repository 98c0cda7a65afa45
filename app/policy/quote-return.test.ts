import { describe, expect, it } from 'vitest';
import { decideReturn } from './decide-return';
import type { Policy } from './policy-schema';
import { quoteReturn } from './quote-return';
import type { ReturnContext, ReturnableLine } from './return-context';
import { PARIS, buildPolicy, makeContext, makeLine } from './test-fixtures';
import type { RefundMethod, SelectedLine } from './validate-selection';

const NOW = new Date('2026-03-20T10:00:00Z');

function quote(
  lines: ReturnableLine[], selection: Array<Partial<SelectedLine> & { line: ReturnableLine }>,
  options: { policy?: Policy; refundMethod?: RefundMethod; context?: Partial<ReturnContext> } = {},
) {
  const policy = options.policy ?? buildPolicy();
  const context = makeContext(lines, options.context);
  const decision = decideReturn({ context, history: { returnRequestedAt: [] }, policy, now: NOW, timeZone: PARIS });
  return quoteReturn({
    decision, policy, context, refundMethod: options.refundMethod ?? 'original_payment',
    selection: selection.map(({ line, ...rest }) => ({
      fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: 'defective', outcome: 'refund', ...rest,
    })),
  });
}

const coat = () => makeLine({ title: 'Trench Rive Gauche', unitPrice: { amount: '260.00', currencyCode: 'EUR' }, returnableQuantity: 2 });

describe('quoteReturn', () => {
  it('refunds a faulty item in full, asks for two photos and maps the Shopify reason', () => {
    const line = coat();
    const result = quote([line], [{ line, quantity: 2 }]);
    expect(result.errors).toEqual([]);
    expect(result.lines[0]).toMatchObject({ shopifyReasonHandle: 'defective', itemsValue: { amount: '520.00', currencyCode: 'EUR' }, fee: { amount: '0.00' } });
    expect(result.totals).toEqual({
      itemsValue: { amount: '520.00', currencyCode: 'EUR' }, fees: { amount: '0.00', currencyCode: 'EUR' },
      estimatedRefund: { amount: '520.00', currencyCode: 'EUR' }, bonus: { amount: '0.00', currencyCode: 'EUR' },
    });
    expect(result.photosRequired).toEqual({ [line.fulfillmentLineItemId]: 2 });
    expect(result).toMatchObject({ needsReview: false, keepItems: false });
  });

  it('takes the customer-paid return shipping from the refund, once per parcel', () => {
    const a = coat();
    const b = coat();
    const result = quote([a, b], [{ line: a, reasonId: 'changed-mind' }, { line: b, reasonId: 'size-too-small' }]);
    expect(result.lines.map((l) => l.shippingFee.amount)).toEqual(['4.90', '0.00']);
    expect(result.totals.estimatedRefund.amount).toBe('515.10');
  });

  it('charges nothing for an exchange: fees only come out of money going back', () => {
    const line = coat();
    const result = quote([line], [{ line, reasonId: 'size-too-small', outcome: 'exchange' }]);
    expect(result.lines[0]).toMatchObject({ fee: { amount: '0.00' }, estimatedRefund: { amount: '0.00' } });
    expect(result.totals.itemsValue.amount).toBe('260.00');
  });

  it('adds the store-credit bonus, rounded down, and waives the restocking fee for credit', () => {
    const policy = buildPolicy((file) => { file.refunds.restockingFee.percent = 5; });
    const line = makeLine({ unitPrice: { amount: '45.55', currencyCode: 'EUR' } });
    const credit = quote([line], [{ line, reasonId: 'changed-mind' }], { policy, refundMethod: 'store_credit' });
    // (45.55 - 4.90) × 10 % = 4.065 → 4.06
    expect(credit.lines[0]).toMatchObject({ restockingFee: { amount: '0.00' }, bonus: { amount: '4.06' }, estimatedRefund: { amount: '44.71' } });
    const card = quote([line], [{ line, reasonId: 'changed-mind' }], { policy });
    // 5 % of 45.55 = 2.2775 → 2.28, plus 4.90 shipping
    expect(card.lines[0]).toMatchObject({ fee: { amount: '7.18' }, bonus: { amount: '0.00' }, estimatedRefund: { amount: '38.37' } });
  });

  it('lets the shopper keep items worth less than the threshold, with no shipping fee', () => {
    const socksPrice = { amount: '14.99', currencyCode: 'EUR' };
    const cheap = makeLine({ unitPrice: socksPrice });
    const kept = quote([cheap], [{ line: cheap, reasonId: 'changed-mind' }]);
    expect(kept).toMatchObject({ keepItems: true, totals: { fees: { amount: '0.00' }, estimatedRefund: { amount: '14.99' } } });
    const atThreshold = makeLine({ unitPrice: { amount: '15.00', currencyCode: 'EUR' } });
    expect(quote([atThreshold], [{ line: atThreshold, reasonId: 'changed-mind' }]).keepItems).toBe(false);
  });

  it('never takes more in fees than the line is worth', () => {
    const policy = buildPolicy((file) => { delete file.keepItem; });
    const line = makeLine({ unitPrice: { amount: '3.00', currencyCode: 'EUR' } });
    const result = quote([line], [{ line, reasonId: 'changed-mind' }], { policy });
    expect(result.lines[0]).toMatchObject({ fee: { amount: '3.00' }, estimatedRefund: { amount: '0.00' } });
  });

  it('prices zero-decimal currencies in whole units', () => {
    const policy = buildPolicy((file) => {
      file.reasons.find((r) => r.id === 'changed-mind')!.returnShipping.fee = { EUR: '4.90', JPY: '800' };
    });
    const line = makeLine({ unitPrice: { amount: '4500.0', currencyCode: 'JPY' } });
    const result = quote([line], [{ line, reasonId: 'changed-mind' }], { policy, context: { orderTotal: { amount: '4500.0', currencyCode: 'JPY' }, shippingCountryCode: 'US' } });
    expect(result.lines[0]).toMatchObject({ itemsValue: { amount: '4500', currencyCode: 'JPY' }, fee: { amount: '800' }, estimatedRefund: { amount: '3700' } });
  });

  it('sends reasons marked for review, and lines already under review, to a person', () => {
    const line = coat();
    expect(quote([line], [{ line, reasonId: 'other' }]).reviewReasons).toEqual([{ key: 'policy:review.reason', clauseId: '5.4', facts: { reasonId: 'other' } }]);
    const big = quote([line], [{ line }], { context: { orderTotal: { amount: '700.00', currencyCode: 'EUR' } } });
    expect(big).toMatchObject({ needsReview: true, reviewReasons: [{ key: 'policy:review.orderValue' }] });
  });

  describe('selections the policy refuses', () => {
    const errorsOf = (result: ReturnType<typeof quote>) => result.errors.map((e) => [e.key, e.clauseId]);

    it('refuses more units than Shopify allows, or none', () => {
      const line = coat();
      const result = quote([line], [{ line, quantity: 3 }]);
      expect(result.errors).toEqual([{ key: 'policy:quote.quantityTooHigh', clauseId: '1.1', fulfillmentLineItemId: line.fulfillmentLineItemId, facts: { requested: 3, count: 2 } }]);
      expect(result.lines).toEqual([]);
      expect(errorsOf(quote([line], [{ line, quantity: 0 }]))).toEqual([['policy:quote.quantityInvalid', '1.1']]);
      expect(errorsOf(quote([line], [{ line, quantity: 1.5 }]))).toEqual([['policy:quote.quantityInvalid', '1.1']]);
    });

    it('refuses an outcome the reason does not allow, naming the reason’s clause', () => {
      const line = coat();
      expect(errorsOf(quote([line], [{ line, reasonId: 'changed-mind', outcome: 'exchange' }]))).toEqual([['policy:quote.outcomeNotAllowed', '5.3']]);
      expect(errorsOf(quote([line], [{ line, reasonId: 'no-such-reason' }]))[0]?.[0]).toBe('policy:quote.reasonUnknown');
    });

    it('refuses refused lines, unknown lines and lines picked twice', () => {
      const finalSale = makeLine({ productTags: ['final-sale'] });
      const ok = coat();
      const stranger = makeLine();
      const result = quote([finalSale, ok], [{ line: finalSale }, { line: ok }, { line: ok }, { line: stranger }]);
      expect(errorsOf(result)).toEqual([['policy:quote.lineNotEligible', '3.2'], ['policy:quote.lineDuplicated', '1.1'], ['policy:quote.lineUnknown', '1.1']]);
      expect(result.lines.map((l) => l.fulfillmentLineItemId)).toEqual([ok.fulfillmentLineItemId]);
    });

    it('refuses a refund method the policy does not offer', () => {
      const policy = buildPolicy((file) => { file.refunds.storeCredit.enabled = false; });
      const line = coat();
      expect(errorsOf(quote([line], [{ line }], { policy, refundMethod: 'store_credit' }))).toEqual([['policy:quote.refundMethodNotOffered', '6.1']]);
    });

    it('refuses to price a decision made under another policy version', () => {
      const line = coat();
      const context = makeContext([line]);
      const decision = decideReturn({ context, history: { returnRequestedAt: [] }, policy: buildPolicy(), now: NOW, timeZone: PARIS });
      const changed = buildPolicy((file) => { file.version = 'another'; });
      const result = quoteReturn({ decision, context, policy: changed, refundMethod: 'original_payment', selection: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: 'defective', outcome: 'refund' }] });
      expect(result.errors.map((e) => e.key)).toEqual(['policy:quote.policyChanged']);
    });
  });
});
