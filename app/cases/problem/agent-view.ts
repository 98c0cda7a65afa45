import { toAgentClauses, toAgentItem } from '../agent-items';
import type { AgentKindParts, AgentPartsContext } from '../agent-case-view';
import type { CaseVerdict } from '../kind';
import type { ProblemDetails } from './details';
import { toProblemTypeText } from './notes';

/**
 * The report's part of the agent page: the units concerned under the policy's offer (or for
 * review, with the clauses why), the kind of problem, the shopper's words and photos on the first
 * line, and the money when the offer pays any. Nothing travels back.
 */
export function toProblemAgentParts(found: { state: string; details: ProblemDetails }, context: AgentPartsContext): AgentKindParts {
  const { details } = found;
  const { offer } = details;
  const policyDecision: CaseVerdict = offer.outcome === 'review' ? 'needs_review' : 'approved';
  const decision: CaseVerdict = found.state === 'declined' ? 'declined' : found.state === 'approved' || found.state === 'completed' ? 'approved' : policyDecision;
  const clauseIds = [...new Set([offer.clauseId, ...offer.reviewReasons.map((reason) => reason.clauseId)])];
  const pays = offer.outcome === 'refund' || offer.outcome === 'store_credit';
  return {
    lines: details.lines.map((line, index) => {
      return {
        key: line.lineItemId,
        ...toAgentItem(context.order, line),
        variantTitle: line.variantTitle,
        quantity: line.quantity,
        reason: index === 0 ? toProblemTypeText(details.type, context.language) : '',
        note: index === 0 ? details.description : null,
        policyDecision,
        decision,
        clauses: toAgentClauses(context, clauseIds),
        photoUrls: index === 0 ? details.photoIds.map(context.signPhoto) : [],
        exchange: null,
      };
    }),
    movesMoney: pays,
    refundMethod: offer.outcome === 'refund' ? 'original_payment' : offer.outcome === 'store_credit' ? 'store_credit' : null,
    refunded: pays,
    fees: null,
    estimatedRefund: pays ? offer.amount : null,
    shipping: null,
  };
}
