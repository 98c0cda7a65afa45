import type { Money } from '~/orders/types';
import type { CaseState } from '../case-state';
import type { ShopperViewContext } from '../kind';
import type { CancellationDetails, CancelReasonId } from './details';
import { ITEMS_CANCELLED_EVENT } from './events';

/** `"25.00 EUR"`, as events keep an amount, back to Money. */
function toMoneyOf(value: unknown): Money | null {
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(value) : null;
  return match ? { amount: match[1]!, currencyCode: match[2]! } : null;
}

/** Where the cancellation stands for the shopper: being done, done, with the team, or not done. */
export type CancellationProgress = 'cancelling' | 'cancelled' | 'with_team' | 'not_cancelled';

/** The cancellation's part of the shopper's case page. */
export type CancellationShopperView = {
  progress: CancellationProgress;
  mode: CancellationDetails['mode'];
  /** `items`: only the listed units are cancelled; the rest of the order ships. */
  scope: CancellationDetails['scope'];
  reasonId: CancelReasonId;
  lines: { lineItemId: string; title: string; variantTitle: string | null; quantity: number }[];
  /** The refund promised, or once some items are cancelled, what Shopify refunded; null when the team confirms it. */
  refund: { amount: Money | null; method: CancellationDetails['refund']['method']; releasesHold: boolean };
  /** When Shopify cancelled the order (ISO), once it did. */
  cancelledAt: string | null;
  /** Policy reasons the team checks (locale keys, values and clauses), for a request under review. */
  reviewReasons: (CancellationDetails['reviewReasons'][number] & { clauseTitle: string | null })[];
  /** Shopify refused the cancellation the policy allowed: the team takes it from there. */
  refusedByStore: boolean;
  /** A parcel left before the team could stop the order: it can be returned once it arrives. */
  shippedFirst: boolean;
};

const PROGRESS: Partial<Record<CaseState, CancellationProgress>> = {
  received: 'cancelling', approved: 'cancelling', needs_review: 'with_team', submitted_to_store: 'with_team', completed: 'cancelled', declined: 'not_cancelled',
};

export function toCancellationShopperView(found: { state: CaseState; details: CancellationDetails }, context: ShopperViewContext): CancellationShopperView {
  const { events } = context;
  const { details } = found;
  const done = events.findLast((event) => event.type === 'order_cancelled' || event.type === 'order_cancelled_by_store' || event.type === ITEMS_CANCELLED_EVENT);
  const cancelledAt = done && typeof done.data['cancelledAt'] === 'string' ? done.data['cancelledAt'] : done?.at.toISOString() ?? null;
  const refund = done?.type === ITEMS_CANCELLED_EVENT ? { ...details.refund, amount: toMoneyOf(done.data['refund']) ?? details.refund.amount } : details.refund;
  // A request the team reviews shows as such from the start, not as "cancelling".
  const progress = found.state === 'received' && details.mode === 'review' ? 'with_team' : PROGRESS[found.state] ?? 'with_team';
  return {
    progress, mode: details.mode, scope: details.scope, reasonId: details.reasonId, lines: details.lines, refund, cancelledAt,
    reviewReasons: progress === 'with_team' ? details.reviewReasons.map((reason) => ({ ...reason, clauseTitle: context.clauseTitle(reason.clauseId) })) : [],
    refusedByStore: progress === 'with_team' && events.some((event) => event.type === 'store_refused' || event.type === 'store_unreachable'),
    shippedFirst: events.some((event) => event.type === 'order_shipped_first'),
  };
}
