import type { Money } from '~/orders/types';
import type { CaseState } from '../case-state';
import type { CaseLine, ReturnDetails } from './details';

/** The return's part of the shopper's case page: each line as it stands, and the refund to expect. */
export type ReturnShopperView = {
  lines: { fulfillmentLineItemId: string; title: string; quantity: number; decision: CaseLine['decision']; photoUrls: string[] }[];
  estimatedRefund: Money;
};

const STORE_APPROVED: readonly CaseState[] = ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'];

/** A line the policy left to a check shows the store's answer once the case has one. */
function toShownDecision(decision: CaseLine['decision'], state: CaseState, declined: boolean): CaseLine['decision'] {
  if (decision !== 'needs_review') return decision;
  if (declined || state === 'declined') return 'declined';
  return STORE_APPROVED.includes(state) ? 'approved' : decision;
}

export function toReturnShopperView(found: { state: CaseState; details: ReturnDetails }, declined: boolean): ReturnShopperView {
  return {
    lines: found.details.lines.map(({ fulfillmentLineItemId, title, quantity, decision, photoIds }) => ({
      fulfillmentLineItemId,
      title,
      quantity,
      decision: toShownDecision(decision, found.state, declined),
      photoUrls: photoIds.map((key) => `/photos/${encodeURIComponent(key)}`),
    })),
    estimatedRefund: found.details.totals.estimatedRefund,
  };
}
