import type { Language } from '~/i18n';
import type { Money, Order, Parcel, ParcelStatus } from '~/orders/types';
import type { DecisionReason } from '~/policy/decide-return';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import type { ProblemOffer, ProblemOption, ProblemOutcome, ProblemType } from '~/policy/problems';

/** A policy reason as the page shows it (PolicyReasonText): the clause with its title. */
export type ReasonView = { key: string; clauseId: string; clauseTitle: string | null; facts: Record<string, string | number> };

export type ProblemLineView = { lineItemId: string; title: string; variantTitle: string | null; quantity: number; image: { url: string; altText: string | null } | null };

export type ProblemParcelView = {
  id: string; number: number; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null; status: ParcelStatus; lines: ProblemLineView[];
};

export type ProblemOptionView =
  | { type: ProblemType; offered: true; outcome: ProblemOutcome; scope: 'parcel' | 'lines'; photos: number; reportBy: string | null; reasons: ReasonView[] }
  | { type: ProblemType; offered: false; refusal: ReasonView };

export type ProblemOfferView = { outcome: ProblemOutcome; amount: Money | null; clause: { id: string; title: string | null }; reasons: ReasonView[]; lines: ProblemLineView[] };

/** What the shopper gave so far, as the page draws it again: nothing typed is lost between posts. */
export type ProblemAnswers = {
  parcelId: string; type: ProblemType; idempotencyKey: string; description: string;
  lines: { lineItemId: string; selected: boolean; quantity: number }[];
  photoKeys: string[];
};

/** Errors of the last post: i18n keys, by field; photos each with the file's name. */
export type ProblemErrors = { form: string[]; description: string[]; lines: Record<string, string[]>; photos: { name: string | null; key: string; values?: Record<string, number> }[] };

export const noErrors = (): ProblemErrors => ({ form: [], description: [], lines: {}, photos: [] });
export const hasErrors = (errors: ProblemErrors) =>
  errors.form.length + errors.description.length + errors.photos.length + Object.keys(errors.lines).length > 0;

export const toReasonView = (policy: Policy, language: Language) => (reason: DecisionReason): ReasonView => ({
  key: reason.key, clauseId: reason.clauseId, clauseTitle: getClauseTitle(policy, reason.clauseId, language), facts: { ...reason.facts },
});

export function toLineViews(order: Order, lines: readonly { lineItemId: string; quantity: number }[]): ProblemLineView[] {
  const items = new Map(order.lineItems.map((line) => [line.id, line]));
  return lines.map(({ lineItemId, quantity }) => {
    const item = items.get(lineItemId);
    return { lineItemId, title: item?.title ?? '', variantTitle: item?.variantTitle ?? null, quantity, image: item?.image ?? null };
  });
}

export const toParcelView = (order: Order, parcel: Parcel): ProblemParcelView => ({
  id: parcel.id, number: order.parcels.indexOf(parcel) + 1, carrier: parcel.carrier, trackingNumber: parcel.trackingNumber,
  trackingUrl: parcel.trackingUrl, status: parcel.status, lines: toLineViews(order, parcel.lines.filter((line) => line.quantity > 0)),
});

export function toOptionView(option: ProblemOption, policy: Policy, language: Language): ProblemOptionView {
  const reason = toReasonView(policy, language);
  if (!option.offered) return { type: option.type, offered: false, refusal: reason(option.refusal) };
  return { type: option.type, offered: true, outcome: option.outcome, scope: option.scope, photos: option.photos, reportBy: option.reportBy, reasons: option.reasons.map(reason) };
}

export function toOfferView(offer: ProblemOffer, order: Order, policy: Policy, language: Language): ProblemOfferView {
  return {
    outcome: offer.outcome, amount: offer.amount ?? null, clause: { id: offer.clauseId, title: getClauseTitle(policy, offer.clauseId, language) },
    reasons: offer.reasons.map(toReasonView(policy, language)), lines: toLineViews(order, offer.lines),
  };
}
