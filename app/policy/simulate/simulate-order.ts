import type { CatalogProduct } from '~/catalog/ports';
import type { Money } from '~/orders/types';
import { offerExchange } from '../exchange-options';
import { canReturnLine, decideReturn, type LineDecision } from '../decide-return';
import type { Outcome, Policy, Reason } from '../policy-schema';
import { quoteReturn } from '../quote-return';
import type { ReturnContext } from '../return-context';
import type { RefundMethod, SelectedLine } from '../validate-selection';

/** One returnable line as the policy would answer a shopper asking today. */
export type SimulatedLine = {
  fulfillmentLineItemId: string;
  title: string;
  sku: string | null;
  /** Units Shopify still counts as returnable, whatever the policy says. */
  units: number;
  decision: LineDecision;
  /** The clauses behind a refusal or a review, in the engine's order, without repeats. */
  clauseIds: string[];
  /** The engine's reasons, by clause: `{ clauseId: '2.1', key: 'policy:refusal.notDeliveredYet' }`. */
  reasons: { clauseId: string; key: string }[];
  /**
   * For a line that may go back, what an exchange could give now (the first reason allowing one,
   * today's stock): another variant of it, only another product, nothing in stock (`sold_out`), or
   * no exchange under the policy (`not_offered`). Null for a line that cannot go back, or when the
   * catalog was not read.
   */
  exchange: ExchangeAvailability | null;
};

export type ExchangeAvailability = 'same_product' | 'other_product' | 'sold_out' | 'not_offered';

export type SimulatedQuote = { itemsValue: Money; fees: Money; estimatedRefund: Money; bonus: Money };

export type SimulatedOrder = {
  orderId: string;
  orderName: string;
  currencyCode: string;
  lines: SimulatedLine[];
  /** Every returnable unit sent back with the assumed reason; null when none can be. */
  quote: SimulatedQuote | null;
};

/**
 * What a simulated shopper says, since the simulator cannot ask: the policy's first reason that
 * allows a refund, a refund as outcome, to the original payment when the policy offers it.
 * Money estimates are therefore those of "everyone returns everything for that reason".
 */
export type AssumedSelection = { reason: Reason; outcome: Outcome; refundMethod: RefundMethod };

export function getAssumedSelection(policy: Policy): AssumedSelection | null {
  const reason = policy.reasons.find((candidate) => candidate.outcomes.includes('refund'));
  if (!reason) return null;
  return { reason, outcome: 'refund', refundMethod: policy.refunds.originalPayment ? 'original_payment' : 'store_credit' };
}

export type SimulateOrderInput = {
  context: ReturnContext; policy: Policy; now: Date; timeZone: string;
  /** Per product id, the products an exchange of it may choose from (it first); absent: exchanges not simulated. */
  catalog?: ReadonlyMap<string, CatalogProduct[]>;
};

/** What an exchange of this line could give today, under the policy's first reason allowing one. */
export function exchangeAvailability(policy: Policy, line: ReturnContext['lines'][number], catalog: CatalogProduct[] | undefined): ExchangeAvailability {
  const reason = policy.reasons.find((candidate) => candidate.outcomes.includes('exchange'));
  if (!policy.exchanges || !reason || !line.productId || !line.variantId) return 'not_offered';
  const offer = offerExchange(policy, { productId: line.productId, variantId: line.variantId, unitPrice: line.unitPrice, quantity: 1, reasonId: reason.id }, catalog ?? []);
  if (!offer.offered) return offer.refusal.key === 'policy:exchange.productGone' ? 'sold_out' : 'not_offered';
  if (offer.sameProduct.some((option) => option.available)) return 'same_product';
  return offer.otherProducts.some((option) => option.available) ? 'other_product' : 'sold_out';
}

/**
 * Decides every line of one order and prices returning all that may be returned. The customer's
 * history is taken as empty: the return context carries no customer, and the simulator reads
 * nothing but Shopify, so the "too many previous returns" review never triggers here.
 */
export function simulateOrder({ context, policy, now, timeZone, catalog }: SimulateOrderInput): SimulatedOrder {
  const decision = decideReturn({ context, history: { returnRequestedAt: [] }, policy, now, timeZone });
  const lines = decision.lines.map((verdict, index): SimulatedLine => ({
    fulfillmentLineItemId: verdict.fulfillmentLineItemId,
    title: verdict.title,
    sku: context.lines[index]?.sku ?? null,
    units: Math.max(0, context.lines[index]?.returnableQuantity ?? 0),
    decision: verdict.decision,
    clauseIds: [...new Set(verdict.reasons.map((reason) => reason.clauseId))],
    reasons: verdict.reasons.map(({ clauseId, key }) => ({ clauseId, key })),
    exchange: catalog && canReturnLine(verdict) && context.lines[index]
      ? exchangeAvailability(policy, context.lines[index], catalog.get(context.lines[index].productId ?? ''))
      : null,
  }));
  const assumed = getAssumedSelection(policy);
  const selection: SelectedLine[] = assumed
    ? decision.lines.filter(canReturnLine).map((verdict) => ({
      fulfillmentLineItemId: verdict.fulfillmentLineItemId, quantity: verdict.returnableQuantity,
      reasonId: assumed.reason.id, outcome: assumed.outcome,
    }))
    : [];
  const quote = assumed && selection.length > 0
    ? quoteReturn({ decision, selection, refundMethod: assumed.refundMethod, policy, context }).totals
    : null;
  return { orderId: context.orderId, orderName: context.orderName, currencyCode: context.orderTotal.currencyCode, lines, quote };
}
