import type { Money } from '~/orders/types';
import type { ProblemOutcome, ProblemType } from '~/policy/problems';
import type { CaseState } from '../case-state';
import type { ShopperViewContext } from '../kind';
import type { ProblemDetails, ProblemParcel } from './details';

/** Where the report stands for the shopper: the offer under way, with the team, done, or refused. */
export type ProblemProgress = 'offer_approved' | 'with_team' | 'done' | 'declined';

/** The report's part of the shopper's case page. */
export type ProblemShopperView = {
  problemType: ProblemType;
  progress: ProblemProgress;
  /** What happens next: the policy's offer when the case was opened. */
  outcome: ProblemOutcome;
  /** Refunded or credited, for those outcomes. */
  amount: Money | null;
  clause: { id: string; title: string | null };
  parcel: ProblemParcel;
  lines: ProblemDetails['lines'];
  description: string | null;
  photoUrls: string[];
  /** What the portal did in Shopify once done: the money refunded or credited, or the replacement order's name. */
  carriedOut: { outcome: ProblemOutcome; amount: Money | null; orderName: string | null } | null;
  /** Why the team decides (locale keys, values and clauses), while it does. */
  reviewReasons: (ProblemDetails['offer']['reviewReasons'][number] & { clauseTitle: string | null })[];
};

const PROGRESS: Partial<Record<CaseState, ProblemProgress>> = {
  approved: 'offer_approved', needs_review: 'with_team', submitted_to_store: 'with_team', completed: 'done', declined: 'declined',
};

/** "79.00 EUR", as the event logs it, back to money. */
function toMoney(logged: unknown): Money | null {
  const [amount, currencyCode] = typeof logged === 'string' ? logged.split(' ') : [];
  return amount && currencyCode ? { amount, currencyCode } : null;
}

function toCarriedOut(events: ShopperViewContext['events']): ProblemShopperView['carriedOut'] {
  const done = events.findLast((event) => event.type === 'offer_carried_out');
  if (!done) return null;
  const outcome = String(done.data['outcome']) as ProblemOutcome;
  return { outcome, amount: toMoney(done.data['amount']), orderName: typeof done.data['orderName'] === 'string' ? done.data['orderName'] : null };
}

export function toProblemShopperView(found: { state: CaseState; details: ProblemDetails }, context: ShopperViewContext): ProblemShopperView {
  const { details } = found;
  const { offer } = details;
  // Before the worker's first run the page already says what the policy decided.
  const progress = found.state === 'received' ? (offer.outcome === 'review' ? 'with_team' : 'offer_approved') : PROGRESS[found.state] ?? 'with_team';
  return {
    problemType: details.type,
    progress,
    outcome: offer.outcome,
    amount: offer.amount,
    clause: { id: offer.clauseId, title: context.clauseTitle(offer.clauseId) },
    parcel: details.parcel,
    lines: details.lines,
    description: details.description,
    photoUrls: details.photoIds.map((key) => `/photos/${encodeURIComponent(key)}`),
    carriedOut: progress === 'done' ? toCarriedOut(context.events) : null,
    reviewReasons: progress === 'with_team' ? offer.reviewReasons.map((reason) => ({ ...reason, clauseTitle: context.clauseTitle(reason.clauseId) })) : [],
  };
}
