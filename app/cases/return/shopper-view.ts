import type { Money } from '~/orders/types';
import type { CaseState } from '../case-state';
import type { ShopperViewContext } from '../kind';
import type { CaseLine, ReturnDetails } from './details';
import { toReturnShippingView, type ReturnShippingView } from './shipping-view';

/** The return's part of the shopper's case page: each line as it stands, the refund to expect, and how to send it back. */
export type ReturnShopperView = {
  lines: { fulfillmentLineItemId: string; title: string; quantity: number; decision: CaseLine['decision']; photoUrls: string[] }[];
  estimatedRefund: Money;
  shipping: ReturnShippingView | null;
};

const STORE_APPROVED: readonly CaseState[] = ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'];

/** A line the policy left to a check shows the store's answer once the case has one. */
function toShownDecision(decision: CaseLine['decision'], state: CaseState, declined: boolean): CaseLine['decision'] {
  if (decision !== 'needs_review') return decision;
  if (declined || state === 'declined') return 'declined';
  return STORE_APPROVED.includes(state) ? 'approved' : decision;
}

export function toReturnShopperView(found: { state: CaseState; details: ReturnDetails }, { declined, events, returnAddress }: ShopperViewContext): ReturnShopperView {
  return {
    shipping: toReturnShippingView({ state: found.state, keepItems: found.details.keepItems ?? false }, events, returnAddress),
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
