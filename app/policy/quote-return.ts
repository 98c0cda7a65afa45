import type { Money } from '~/orders/types';
import type { DecisionReason, ReturnDecision } from './decide-return';
import type { ReturnContext } from './return-context';
import { getAmount, type Outcome, type Policy } from './policy-schema';
import { percentOf, toMinorUnits, toMoney } from './money';
import {
  toPayout, validateSelection, type QuoteError, type RefundMethod, type SelectedLine, type ValidLine,
} from './validate-selection';

export type QuoteLine = {
  fulfillmentLineItemId: string;
  lineItemId: string;
  quantity: number;
  reasonId: string;
  /** What Shopify's return mutations take as the standardized reason. */
  shopifyReasonHandle: string;
  outcome: Outcome;
  itemsValue: Money;
  restockingFee: Money;
  shippingFee: Money;
  /** Restocking plus shipping: never more than `itemsValue`. */
  fee: Money;
  bonus: Money;
  /** What goes back as money or credit, bonus included; 0 for an exchange. */
  estimatedRefund: Money;
};

export type ReturnQuote = {
  policyVersion: string;
  currencyCode: string;
  lines: QuoteLine[];
  totals: { itemsValue: Money; fees: Money; estimatedRefund: Money; bonus: Money };
  needsReview: boolean;
  reviewReasons: DecisionReason[];
  /** Below the keep-item threshold: refund without asking for a return shipment. */
  keepItems: boolean;
  /** Minimum photo count, by fulfillment line item id, for the reasons that ask for photos. */
  photosRequired: Record<string, number>;
  errors: QuoteError[];
};

export type QuoteReturnInput = {
  decision: ReturnDecision;
  selection: SelectedLine[];
  refundMethod: RefundMethod;
  policy: Policy;
  context: ReturnContext;
};

type Priced = { line: ValidLine; value: number; restocking: number; shipping: number; bonus: number; refund: number };

function isKeepItems(policy: Policy, currency: string, itemsValue: number): boolean {
  if (!policy.keepItem || itemsValue === 0) return false;
  const below = getAmount(policy.keepItem.below, currency, policy.store.currency);
  return below !== null && itemsValue < toMinorUnits(below, currency);
}

/**
 * The one return-shipping fee of the parcel, the highest any customer-paid reason names. Fees
 * only ever come out of money going back, never on top of it, so exchanges carry none.
 */
function allocateShipping(priced: Priced[], input: QuoteReturnInput, currency: string, review: DecisionReason[]): void {
  const { policy, refundMethod } = input;
  let fee = 0;
  for (const { line } of priced) {
    const shipping = line.reason.returnShipping;
    if (shipping.paidBy !== 'customer' || !shipping.fee) continue;
    const amount = getAmount(shipping.fee, currency, policy.store.currency);
    if (amount === null) review.push({ key: 'policy:review.currencyNotCovered', clauseId: line.reason.clause, facts: { currencyCode: currency } });
    else fee = Math.max(fee, toMinorUnits(amount, currency));
  }
  for (const entry of priced) {
    if (fee === 0) break;
    const { reason, selected } = entry.line;
    if (reason.returnShipping.paidBy !== 'customer' || toPayout(selected.outcome, refundMethod) === 'exchange') continue;
    entry.shipping = Math.min(fee, entry.value - entry.restocking);
    fee -= entry.shipping;
  }
}

function collectReview(valid: ValidLine[], extra: DecisionReason[]): DecisionReason[] {
  const reasons = new Map<string, DecisionReason>();
  for (const { verdict, reason } of valid) {
    for (const why of verdict.reasons) reasons.set(`${why.key}|${why.clauseId}`, why);
    if (reason.review) {
      reasons.set(`reason|${reason.id}`, { key: 'policy:review.reason', clauseId: reason.clause, facts: { reasonId: reason.id } });
    }
  }
  for (const why of extra) reasons.set(`${why.key}|${why.clauseId}`, why);
  return [...reasons.values()];
}

/**
 * Prices a shopper's selection against a decision: fees, store-credit bonus and estimated
 * refund per line and in total, in integer minor units of the order currency. Selections the
 * policy refuses become errors and are left out of the totals.
 */
export function quoteReturn(input: QuoteReturnInput): ReturnQuote {
  const { decision, selection, refundMethod, policy, context } = input;
  const currency = context.orderTotal.currencyCode;
  const { valid, errors } = validateSelection(selection, decision, policy, refundMethod);
  const priced: Priced[] = valid.map((line) => ({
    line, value: Math.max(0, toMinorUnits(line.verdict.unitPrice.amount, currency)) * line.selected.quantity,
    restocking: 0, shipping: 0, bonus: 0, refund: 0,
  }));
  const itemsValue = priced.reduce((sum, entry) => sum + entry.value, 0);
  const keepItems = isKeepItems(policy, currency, itemsValue);
  const { restockingFee, storeCredit } = policy.refunds;
  const extraReview: DecisionReason[] = [];
  for (const entry of priced) {
    const payout = toPayout(entry.line.selected.outcome, refundMethod);
    // Nothing is restocked when the shopper keeps the item.
    if (!keepItems && payout !== 'exchange' && !restockingFee.waivedFor.includes(payout)) {
      entry.restocking = Math.min(entry.value, percentOf(entry.value, restockingFee.percent, 'half_up'));
    }
  }
  if (!keepItems) allocateShipping(priced, input, currency, extraReview);
  for (const entry of priced) {
    const payout = toPayout(entry.line.selected.outcome, refundMethod);
    if (payout === 'exchange') continue;
    const net = entry.value - entry.restocking - entry.shipping;
    entry.bonus = payout === 'store_credit' ? percentOf(net, storeCredit.bonusPercent, 'down') : 0;
    entry.refund = net + entry.bonus;
  }
  const sum = (pick: (entry: Priced) => number) => toMoney(priced.reduce((total, entry) => total + pick(entry), 0), currency);
  const reviewReasons = collectReview(valid, extraReview);
  const photosRequired: Record<string, number> = {};
  for (const { selected, reason } of valid) {
    if (reason.photos > 0) photosRequired[selected.fulfillmentLineItemId] = reason.photos;
  }
  return {
    policyVersion: policy.version,
    currencyCode: currency,
    lines: priced.map(({ line, value, restocking, shipping, bonus, refund }) => ({
      fulfillmentLineItemId: line.selected.fulfillmentLineItemId,
      lineItemId: line.verdict.lineItemId,
      quantity: line.selected.quantity,
      reasonId: line.reason.id,
      shopifyReasonHandle: line.reason.shopifyHandle,
      outcome: line.selected.outcome,
      itemsValue: toMoney(value, currency),
      restockingFee: toMoney(restocking, currency),
      shippingFee: toMoney(shipping, currency),
      fee: toMoney(restocking + shipping, currency),
      bonus: toMoney(bonus, currency),
      estimatedRefund: toMoney(refund, currency),
    })),
    totals: {
      itemsValue: sum((e) => e.value),
      fees: sum((e) => e.restocking + e.shipping),
      estimatedRefund: sum((e) => e.refund),
      bonus: sum((e) => e.bonus),
    },
    needsReview: reviewReasons.length > 0,
    reviewReasons,
    keepItems,
    photosRequired,
    errors,
  };
}
