import type { Money } from '~/orders/types';
import type { CustomerReturnHistory, ReturnContext, ReturnableLine } from './return-context';
import { getAmount, type NextBest, type Policy } from './policy-schema';
import { EU_WITHDRAWAL_DAYS, findGuardrailViolations, isEuOrUk } from './eu-guardrail';
import { findExclusions } from './exclusions';
import { checkReturnWindow, type ReturnWindow } from './return-window';
import { toMinorUnits } from './money';

export type LineDecision = 'eligible' | 'needs_review' | 'not_eligible';
/** Values a translation interpolates; dates are 'YYYY-MM-DD' on the store's calendar. */
export type Facts = Record<string, string | number>;
/** Why a line was refused or sent to review: an i18n key, the clause behind it, the arithmetic. */
export type DecisionReason = { key: string; clauseId: string; facts: Facts };

export type LineVerdict = {
  lineItemId: string;
  fulfillmentLineItemId: string;
  title: string;
  unitPrice: Money;
  /** Units the shopper may return: Shopify's count when allowed, 0 when refused. */
  returnableQuantity: number;
  decision: LineDecision;
  reasons: DecisionReason[];
  nextBest: NextBest[];
  window: ReturnWindow | null;
};

export type ReturnDecision = { policyVersion: string; orderId: string; decidedAt: string; lines: LineVerdict[] };

export type DecideReturnInput = {
  context: ReturnContext;
  history: CustomerReturnHistory;
  policy: Policy;
  now: Date;
  /** The store's IANA zone (COMPTOIR_TIME_ZONE): windows are counted on its calendar. */
  timeZone: string;
};

const DAY_MS = 86_400_000;

/** Order-level reasons to send eligible lines to a person instead of approving them. */
function findReviewReasons({ context, history, policy, now }: DecideReturnInput): DecisionReason[] {
  const reasons: DecisionReason[] = [];
  const clauseId = policy.review.clause;
  const { maxOrderValue, maxPreviousReturns, periodDays } = policy.review;
  if (maxOrderValue !== undefined) {
    const { currencyCode, amount } = context.orderTotal;
    const limit = getAmount(maxOrderValue, currencyCode, policy.store.currency);
    if (limit === null) {
      reasons.push({ key: 'policy:review.currencyNotCovered', clauseId, facts: { currencyCode } });
    } else if (toMinorUnits(amount, currencyCode) > toMinorUnits(limit, currencyCode)) {
      reasons.push({ key: 'policy:review.orderValue', clauseId, facts: { orderTotal: amount, limit, currencyCode } });
    }
  }
  if (maxPreviousReturns !== undefined) {
    const since = now.getTime() - periodDays * DAY_MS;
    const previousReturns = history.returnRequestedAt.filter((at) => at.getTime() > since && at <= now).length;
    if (previousReturns > maxPreviousReturns) {
      reasons.push({ key: 'policy:review.previousReturns', clauseId, facts: { previousReturns, limit: maxPreviousReturns, periodDays } });
    }
  }
  // A per-order guardrail: the file may not list a country an order still ships to. Rather
  // than refuse a shopper the law protects, a person decides, with the window raised to 14 days.
  if (isEuOrUk(context.shippingCountryCode) && findGuardrailViolations(policy).length > 0) {
    reasons.push({
      key: 'policy:review.euRights', clauseId: policy.window.clause,
      facts: { countryCode: context.shippingCountryCode ?? '', euWithdrawalDays: EU_WITHDRAWAL_DAYS },
    });
  }
  return reasons;
}

/** The policy as it applies to one order: EU/UK orders never get less than the legal window. */
function effectiveWindowRules(input: DecideReturnInput): Policy['window'] {
  const rules = input.policy.window;
  if (!isEuOrUk(input.context.shippingCountryCode)) return rules;
  return { ...rules, days: Math.max(rules.days, EU_WITHDRAWAL_DAYS), countFrom: ['delivery', ...rules.countFrom.filter((s) => s !== 'delivery')] };
}

type Refusal = { reasons: DecisionReason[]; nextBest: NextBest[]; window: ReturnWindow | null };

function findRefusals(line: ReturnableLine, input: DecideReturnInput, quantity: number): Refusal {
  const { policy, context, now, timeZone } = input;
  if (line.isGiftCard) {
    return { reasons: [{ key: 'policy:refusal.giftCard', clauseId: policy.giftCards.clause, facts: {} }], nextBest: ['contact'], window: null };
  }
  if (quantity === 0) {
    return { reasons: [{ key: 'policy:refusal.alreadyReturned', clauseId: policy.scope.clause, facts: {} }], nextBest: ['contact'], window: null };
  }
  const reasons: DecisionReason[] = [];
  const nextBest = new Set<NextBest>();
  for (const { exclusion, value } of findExclusions(line, policy.exclusions)) {
    reasons.push({ key: `policy:refusal.excluded.${exclusion.kind}`, clauseId: exclusion.clause, facts: { value } });
    exclusion.nextBest.forEach((next) => nextBest.add(next));
  }
  const rules = effectiveWindowRules(input);
  const check = checkReturnWindow({ line, orderCreatedAt: context.orderCreatedAt, rules, now, timeZone });
  const clauseId = policy.window.clause;
  if (check.kind === 'not_delivered') {
    reasons.push({ key: 'policy:refusal.notDeliveredYet', clauseId, facts: { shippedOn: check.shippedOn, expectedOn: check.expectedOn } });
    nextBest.add('contact');
  } else if (check.kind === 'unconfirmed') {
    reasons.push({ key: 'policy:refusal.deliveryUnconfirmed', clauseId, facts: { shippedOn: check.shippedOn } });
    nextBest.add('contact');
  } else if (!check.window.isOpen) {
    const { countedFrom, startDate, lastDay, closesAt, windowDays, shippedOn } = check.window;
    const started: Facts = countedFrom === 'order' ? { orderedOn: startDate } : { deliveredOn: startDate };
    reasons.push({
      key: `policy:refusal.windowClosed.${countedFrom}`, clauseId,
      facts: { ...started, closedOn: lastDay, closedAt: closesAt.toISOString(), windowDays, shippedOn, transitDays: rules.transitDays },
    });
    nextBest.add('contact');
  }
  // Out of the window an exchange is no more allowed than a refund: only contact remains.
  if (check.kind !== 'window' || !check.window.isOpen) nextBest.delete('exchange');
  // Exchange first: it keeps the sale and is the quicker path for the shopper.
  const ordered = (['exchange', 'contact'] as const).filter((next) => nextBest.has(next));
  return { reasons, nextBest: ordered, window: check.kind === 'window' ? check.window : null };
}

/**
 * Decides, line by line, what an order's shopper may return under the policy, and why not when
 * they may not. Pure: the clock and the store's time zone come in. Returnable quantities come
 * only from Shopify's count, so a unit already returned or in a return is never offered again.
 */
export function decideReturn(input: DecideReturnInput): ReturnDecision {
  const review = findReviewReasons(input);
  const lines = input.context.lines.map((line): LineVerdict => {
    const shopifyQuantity = Number.isInteger(line.returnableQuantity) ? Math.max(0, line.returnableQuantity) : 0;
    const refusal = findRefusals(line, input, shopifyQuantity);
    const base = {
      lineItemId: line.lineItemId, fulfillmentLineItemId: line.fulfillmentLineItemId,
      title: line.title, unitPrice: line.unitPrice, window: refusal.window,
    };
    if (refusal.reasons.length > 0) {
      return { ...base, returnableQuantity: 0, decision: 'not_eligible', reasons: refusal.reasons, nextBest: refusal.nextBest };
    }
    const decision = review.length > 0 ? 'needs_review' : 'eligible';
    return { ...base, returnableQuantity: shopifyQuantity, decision, reasons: review, nextBest: [] };
  });
  return { policyVersion: input.policy.version, orderId: input.context.orderId, decidedAt: input.now.toISOString(), lines };
}

/** A predicate for the UI: can this line be selected for a return at all? */
export function canReturnLine(verdict: LineVerdict): boolean {
  return verdict.decision !== 'not_eligible' && verdict.returnableQuantity > 0;
}
