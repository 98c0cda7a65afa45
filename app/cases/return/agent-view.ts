import { toAgentClauses, toAgentItem } from '../agent-items';
import type { AgentExchangeView, AgentKindParts, AgentPartsContext } from '../agent-case-view';
import type { CaseViewOf } from '../case-view';
import type { CaseLine, ReturnDetails } from './details';

function toAgentExchange({ outcome, exchange }: CaseLine, decision: CaseLine['decision']): AgentExchangeView | null {
  if (outcome !== 'exchange' || !exchange) return null;
  const { productTitle, variantTitle, settle, difference, stockLeft, ships } = exchange;
  return { productTitle, variantTitle, settle, difference, stockLeft, ships, addOnApproval: decision === 'needs_review' };
}

/** The return's part of the agent page: each line with the shopper's reason, its verdicts and photos; the refund; the parcel back. */
export function toReturnAgentParts(found: { details: ReturnDetails }, context: AgentPartsContext): AgentKindParts {
  const shopper = context.shopper as CaseViewOf<'return'>;
  const { details } = found;
  return {
    lines: details.lines.map((line, index) => {
      const decision = shopper.lines[index]?.decision ?? line.decision;
      return {
        key: line.fulfillmentLineItemId,
        ...toAgentItem(context.order, line),
        variantTitle: context.order?.lineItems.find((candidate) => candidate.id === line.lineItemId)?.variantTitle ?? null,
        quantity: line.quantity,
        reason: context.policy.reasons.find((reason) => reason.id === line.reasonId)?.label[context.language] ?? line.reasonId,
        note: line.note,
        policyDecision: line.decision,
        decision,
        clauses: toAgentClauses(context, line.clauseIds),
        photoUrls: line.photoIds.map(context.signPhoto),
        exchange: toAgentExchange(line, decision),
      };
    }),
    movesMoney: true,
    refundMethod: details.refundMethod,
    refunded: shopper.refunded,
    fees: details.totals.fees,
    estimatedRefund: details.totals.estimatedRefund,
    shipping: shopper.shipping,
  };
}
