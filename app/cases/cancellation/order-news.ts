import type { CaseState } from '../case-state';
import type { NewCaseEvent } from '../case-store';

/** What Shopify's news about the order means for a cancellation: cancelled, or shipped first. */
export type OrderNews = { cancelledAt: string | null; shipped: boolean };

/**
 * Where a cancellation the team is checking goes on the order's news: cancelled in Shopify (by an
 * agent there, or in Gorgias' Shopify panel) → completed; a parcel sent first → declined, and the
 * shopper is told they can return it. Only `needs_review` moves: a cancellation under way is the
 * executor's to finish, and its own answer says whether the order was cancelled.
 */
export function toCancellationMove(state: CaseState, news: OrderNews, at: Date): { to: CaseState; event: NewCaseEvent } | null {
  if (state !== 'needs_review') return null;
  if (news.cancelledAt) return { to: 'completed', event: { at, type: 'order_cancelled_by_store', actor: 'store', data: { cancelledAt: news.cancelledAt } } };
  if (news.shipped) return { to: 'declined', event: { at, type: 'order_shipped_first', actor: 'store', data: {} } };
  return null;
}
