import { toAgentClauses, toAgentItem } from '../agent-items';
import type { AgentKindParts, AgentPartsContext } from '../agent-case-view';
import type { CancellationDetails } from './details';
import { toCancelReasonText } from './notes';

/**
 * The cancellation's part of the agent page: the units it stops, each under the policy's verdict
 * (at once, or for review with the clauses why), the shopper's reason and words on the first, and
 * the refund promised. Nothing travels, so no parcel.
 */
export function toCancellationAgentParts(found: { state: string; details: CancellationDetails }, context: AgentPartsContext): AgentKindParts {
  const { details } = found;
  const policyDecision = details.mode === 'instant' ? 'approved' : 'needs_review';
  const decision = found.state === 'completed' ? 'approved' : found.state === 'declined' ? 'declined' : policyDecision;
  const clauseIds = [...new Set([details.clauseId, ...details.reviewReasons.map((reason) => reason.clauseId)])];
  return {
    lines: details.lines.map((line, index) => {
      return {
        key: line.lineItemId,
        ...toAgentItem(context.order, line),
        variantTitle: line.variantTitle,
        quantity: line.quantity,
        reason: index === 0 ? toCancelReasonText(details.reasonId, context.language) : '',
        note: index === 0 ? details.note : null,
        policyDecision,
        decision,
        clauses: toAgentClauses(context, clauseIds),
        photoUrls: [],
        exchange: null,
      };
    }),
    movesMoney: true,
    refundMethod: details.refund.method,
    refunded: true,
    fees: null,
    estimatedRefund: details.refund.amount,
    shipping: null,
  };
}
