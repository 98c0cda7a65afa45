import type { Language } from '~/i18n';
import type { Money } from '~/orders/types';
import type { CancellationVerdict } from '~/policy/cancellation';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import type { Order } from '~/orders/types';

export type CancelReasonView = { key: string; clauseId: string; clauseTitle: string | null; facts: Record<string, string | number> };

/** The cancel page's content: what the policy offers for this order now, or why it does not. */
export type CancelPageView =
  | { offered: false; refusal: CancelReasonView }
  | {
      offered: true;
      mode: 'instant' | 'review';
      clause: { id: string; title: string | null };
      lines: { lineItemId: string; title: string; variantTitle: string | null; quantity: number; image: { url: string; altText: string | null } | null }[];
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
      return { lineItemId, title: item?.title ?? '', variantTitle: item?.variantTitle ?? null, quantity: units, image: item?.image ?? null };
    }),
    refund: verdict.refund,
    reasons: verdict.reasons.map(withTitle),
  };
}
