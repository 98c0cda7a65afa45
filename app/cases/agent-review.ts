import type { Case, CaseEvent } from './case-store';
import type { CaseState } from './case-state';
import { kindOf } from './kinds';

/*
 * What an agent may still decide on a case, read from the case and its log (pure, so the page and
 * the action agree, and tested without a database).
 */

/** States before the store's answer: an agent's decision moves the case on from these. */
const UNDECIDED: readonly CaseState[] = ['received', 'submitted_to_store', 'needs_review'];

/**
 * The REQUESTED return the case's lines to review went to Shopify in: the `request:<id>:<status>`
 * entry of its `shopify.returns_opened` events (a case with auto-approved lines also opened an
 * OPEN return, `create:…`, which is not for review).
 */
export function findReviewReturnId(events: Pick<CaseEvent, 'type' | 'data'>[]): string | null {
  for (const event of events) {
    if (event.type !== 'shopify.returns_opened') continue;
    const returns = event.data['returns'];
    for (const entry of Array.isArray(returns) ? returns : []) {
      const match = typeof entry === 'string' ? /^request:(gid:\/\/shopify\/Return\/\d+):/.exec(entry) : null;
      if (match) return match[1]!;
    }
  }
  return null;
}

export type ReviewStatus =
  /** Approve and decline are offered: the return waits for the store at Shopify (or, for a kind decided here, the case waits in review). */
  | { status: 'open'; returnId: string | null }
  /** The store answered (here or in Shopify): the page shows the outcome. */
  | { status: 'decided'; outcome: 'approved' | 'declined'; returnId: string | null }
  /** Nothing to decide here: no line to review, or no return request at Shopify (refused, unreachable). */
  | { status: 'none' };

export function toReviewStatus(found: Case, events: Pick<CaseEvent, 'type' | 'data'>[]): ReviewStatus {
  if (kindOf(found).review === 'portal') return toPortalReviewStatus(found, events);
  const returnId = findReviewReturnId(events);
  const declined = events.some((event) => event.type === 'declined_by_store');
  if (found.state === 'declined' || declined) return { status: 'decided', outcome: 'declined', returnId };
  if (!UNDECIDED.includes(found.state)) {
    return kindOf(found).policyVerdict(found) === 'needs_review' ? { status: 'decided', outcome: 'approved', returnId } : { status: 'none' };
  }
  return returnId ? { status: 'open', returnId } : { status: 'none' };
}

/** A kind decided on the agent page: open while it waits in review; decided once it left review either way. */
function toPortalReviewStatus(found: Case, events: Pick<CaseEvent, 'type' | 'data'>[]): ReviewStatus {
  if (found.state === 'needs_review') return { status: 'open', returnId: null };
  const reviewed = events.some((event) => event.type === 'awaiting_review');
  if (!reviewed) return { status: 'none' };
  return { status: 'decided', outcome: found.state === 'declined' ? 'declined' : 'approved', returnId: null };
}

/** The name an agent typed, fit for a note: one line, no control characters, at most 80 characters. */
export function toAgentName(typed: string | null | undefined): string | null {
  const cleaned = (typed ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return cleaned ? [...cleaned].slice(0, 80).join('') : null;
}
