import type { Facts, LineVerdict, ReturnDecision } from './decide-return';
import type { Outcome, Policy, Reason } from './policy-schema';

export type RefundMethod = 'original_payment' | 'store_credit';

/** One line the shopper picked: how many units, why, and what they want back. */
export type SelectedLine = { fulfillmentLineItemId: string; quantity: number; reasonId: string; outcome: Outcome };

/** A selection the policy does not allow, as a value the form shows next to the line. */
export type QuoteError = { key: string; clauseId: string; fulfillmentLineItemId: string | null; facts: Facts };

export type ValidLine = { selected: SelectedLine; verdict: LineVerdict; reason: Reason };

/** Whether the money for a line goes back to the card, as store credit, or into an exchange. */
export function toPayout(outcome: Outcome, refundMethod: RefundMethod): 'refund' | 'store_credit' | 'exchange' {
  if (outcome === 'exchange') return 'exchange';
  return outcome === 'store_credit' || refundMethod === 'store_credit' ? 'store_credit' : 'refund';
}

function isMethodOffered(policy: Policy, outcome: Outcome, refundMethod: RefundMethod): boolean {
  const payout = toPayout(outcome, refundMethod);
  if (payout === 'store_credit') return policy.refunds.storeCredit.enabled;
  return payout === 'exchange' || policy.refunds.originalPayment;
}

function checkLine(selected: SelectedLine, decision: ReturnDecision, policy: Policy, refundMethod: RefundMethod): ValidLine | QuoteError {
  const id = selected.fulfillmentLineItemId;
  const error = (key: string, clauseId: string, facts: Facts = {}): QuoteError => ({ key, clauseId, fulfillmentLineItemId: id, facts });
  const verdict = decision.lines.find((line) => line.fulfillmentLineItemId === id);
  if (!verdict) return error('policy:quote.lineUnknown', policy.scope.clause);
  if (verdict.decision === 'not_eligible') {
    return error('policy:quote.lineNotEligible', verdict.reasons[0]?.clauseId ?? policy.scope.clause);
  }
  if (!Number.isInteger(selected.quantity) || selected.quantity < 1) {
    return error('policy:quote.quantityInvalid', policy.scope.clause);
  }
  if (selected.quantity > verdict.returnableQuantity) {
    return error('policy:quote.quantityTooHigh', policy.scope.clause, { requested: selected.quantity, count: verdict.returnableQuantity });
  }
  const reason = policy.reasons.find((candidate) => candidate.id === selected.reasonId);
  if (!reason) return error('policy:quote.reasonUnknown', policy.reasons[0]?.clause ?? policy.scope.clause);
  if (!reason.outcomes.includes(selected.outcome)) {
    return error('policy:quote.outcomeNotAllowed', reason.clause, { outcome: selected.outcome, reasonId: reason.id });
  }
  if (!isMethodOffered(policy, selected.outcome, refundMethod)) {
    return error('policy:quote.refundMethodNotOffered', policy.refunds.clause, { refundMethod });
  }
  return { selected, verdict, reason };
}

/**
 * Sorts a shopper's selection into lines the policy allows and errors for the rest. A line
 * picked twice is an error rather than summed: two rows for one line is a client bug to surface.
 */
export function validateSelection(
  selection: SelectedLine[], decision: ReturnDecision, policy: Policy, refundMethod: RefundMethod,
): { valid: ValidLine[]; errors: QuoteError[] } {
  const valid: ValidLine[] = [];
  const errors: QuoteError[] = [];
  if (decision.policyVersion !== policy.version) {
    errors.push({ key: 'policy:quote.policyChanged', clauseId: policy.scope.clause, fulfillmentLineItemId: null, facts: {} });
    return { valid, errors };
  }
  const seen = new Set<string>();
  for (const selected of selection) {
    if (seen.has(selected.fulfillmentLineItemId)) {
      errors.push({ key: 'policy:quote.lineDuplicated', clauseId: policy.scope.clause, fulfillmentLineItemId: selected.fulfillmentLineItemId, facts: {} });
      continue;
    }
    seen.add(selected.fulfillmentLineItemId);
    const result = checkLine(selected, decision, policy, refundMethod);
    if ('key' in result) errors.push(result);
    else valid.push(result);
  }
  return { valid, errors };
}
