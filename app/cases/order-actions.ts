import type { Language } from '~/i18n';
import type { Order } from '~/orders/types';
import { decideAddressChange } from '~/policy/address-change';
import { cancellationFactsOf, decideCancellation } from '~/policy/cancellation';
import type { DecisionReason } from '~/policy/decide-return';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import { listProblemOptions } from '~/policy/problems';
import { isStandingCancellation } from './cancellation/live';
import type { Case } from './case-store';
import type { CaseKind } from './kinds';

/*
 * What the order page offers besides a return, by the policy on the order as it is now: cancel it,
 * change its address, report a problem with a parcel. Each action not offered says why, with its
 * clause; an action already asked for links its case instead.
 */

export type ActionReasonView = DecisionReason & { clauseTitle: string | null };

export type OrderActionView =
  | { status: 'offered'; href: string; mode: 'instant' | 'review' }
  | { status: 'open'; caseId: string }
  | { status: 'refused'; reason: ActionReasonView };

export type OrderActionsView = {
  cancel: OrderActionView | null;
  address: OrderActionView | null;
  /** Parcels some problem can be reported for, with the page that reports it. */
  problems: { parcelId: string; href: string }[];
};

/** Refusals not worth a line on the order page: the headline already says the order is cancelled. */
const UNSAID = new Set(['policy:cancellation.refusal.alreadyCancelled', 'policy:addressChange.refusal.alreadyCancelled']);

/** A case of this kind still under way or done: the order page links it rather than offering the action again. */
const liveCaseOf = (cases: readonly Case[], kind: CaseKind) =>
  cases.findLast((found) => (kind === 'cancellation' ? isStandingCancellation(found) : found.kind === kind && found.state !== 'declined'));

export function toOrderActions(input: { policy: Policy; order: Order; cases: readonly Case[]; now: Date; timeZone: string; language: Language }): OrderActionsView {
  const { policy, order, cases, now, timeZone, language } = input;
  const withTitle = (reason: DecisionReason): ActionReasonView => ({ ...reason, clauseTitle: getClauseTitle(policy, reason.clauseId, language) });
  const toView = (kind: CaseKind, href: string, verdict: { offered: true; mode?: 'instant' | 'review' } | { offered: false; refusal: DecisionReason }): OrderActionView | null => {
    const open = liveCaseOf(cases, kind);
    if (open) return { status: 'open', caseId: open.id };
    if (verdict.offered) return { status: 'offered', href, mode: verdict.mode ?? 'instant' };
    return UNSAID.has(verdict.refusal.key) ? null : { status: 'refused', reason: withTitle(verdict.refusal) };
  };
  const cancellation = decideCancellation({ policy, order, facts: cancellationFactsOf(order), now, timeZone });
  // The countries the shop ships to only matter once the shopper types the new address.
  const address = decideAddressChange({ policy, order, shipsTo: [], now, timeZone });
  const problems = policy.problems ? listProblemOptions(policy, order, now, timeZone).parcels : [];
  return {
    cancel: toView('cancellation', '/order/cancel', cancellation),
    address: toView('address_change' as CaseKind, '/order/address', address),
    problems: problems
      .filter((parcel) => parcel.options.some((option) => option.offered))
      .map(({ parcelId }) => ({ parcelId, href: `/order/problem?parcel=${encodeURIComponent(parcelId)}` })),
  };
}
