import type { Language } from '~/i18n';
import type { Money } from '~/orders/types';
import type { CancellationVerdict } from '~/policy/cancellation';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import type { Order } from '~/orders/types';
import { CANCEL_PICK_LINES_MAX } from './cancel-form';

export type CancelReasonView = { key: string; clauseId: string; clauseTitle: string | null; facts: Record<string, string | number> };

/** The cancel page's content: what the policy offers for this order now, or why it does not. */
export type CancelPageView =
  | { offered: false; refusal: CancelReasonView }
  | {
      offered: true;
      mode: 'instant' | 'review';
      clause: { id: string; title: string | null };
      /** `quantity`: units left to cancel; `unitRefund`: what one unit gives back when only some are cancelled. */
      lines: { lineItemId: string; title: string; variantTitle: string | null; quantity: number; image: { url: string; altText: string | null } | null; unitRefund: Money | null }[];
      /** The shopper may pick some items only; `refund` is then what cancelling everything gives back. */
      partial: boolean;
      refund: { amount: Money | null; method: 'original_payment' | 'store_credit' | 'shopper_choice'; releasesHold: boolean };
      reasons: CancelReasonView[];
    };

/** The verdict as the page shows it: clause titles in the shopper's language, items with their pictures. */
export function toCancelPageView(verdict: CancellationVerdict, order: Order, policy: Policy, language: Language): CancelPageView {
  const withTitle = (reason: { key: string; clauseId: string; facts: Record<string, string | number> }): CancelReasonView => ({
    key: reason.key, clauseId: reason.clauseId, clauseTitle: getClauseTitle(policy, reason.clauseId, language), facts: { ...reason.facts },
  });
  if (!verdict.offered) return { offered: false, refusal: withTitle(verdict.refusal) };
  const items = new Map(order.lineItems.map((line) => [line.id, line]));
  return {
    offered: true,
    mode: verdict.mode,
    clause: { id: verdict.clauseId, title: getClauseTitle(policy, verdict.clauseId, language) },
    lines: verdict.lines.map(({ lineItemId, units }) => {
      const item = items.get(lineItemId);
      return { lineItemId, title: item?.title ?? '', variantTitle: item?.variantTitle ?? null, quantity: units, image: item?.image ?? null, unitRefund: item?.paidUnitPrice ?? null };
    }),
    // A longer order has no picker (the form's limits): it is cancelled whole.
    partial: verdict.partial && verdict.lines.length <= CANCEL_PICK_LINES_MAX,
    refund: verdict.refund,
    reasons: verdict.reasons.map(withTitle),
  };
}
