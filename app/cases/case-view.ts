import { REPLY_SENT_EVENT } from '~/helpdesk/ticket-fields';
import type { Money } from '~/orders/types';
import type { Case, CaseEvent } from './case-store';
import type { CaseLine } from './return/details';
import type { CaseState } from './case-state';

/** Events the shopper sees; technical ones (vendor ids, retries) stay for agents and logs. */
const SHOWN_EVENTS = new Set([
  'received', 'submitted_to_store', 'approved_by_store', 'awaiting_review', 'store_refused', 'store_unreachable', 'not_submitted',
  'declined_by_store', 'return_closed', 'refunded_by_store',
]);

const DECLINE_REASONS = ['RETURN_PERIOD_ENDED', 'FINAL_SALE', 'OTHER'] as const;

/** Why the store declined, as its agent put it in Shopify (the note is addressed to the shopper). */
export type DeclineView = { reason: (typeof DECLINE_REASONS)[number]; note: string | null };

/**
 * Where the request stands with the store's support team: `none` without a helpdesk, `pending`
 * until its ticket is known, `with_team` once it is (from the start when the shopper came from an
 * agent's link); `emailed` once the public reply went out, so no email is promised before.
 */
export type HelpdeskView = { status: 'none' | 'pending' | 'with_team'; emailed: boolean };

export type CaseView = {
  id: string;
  orderName: string;
  state: CaseState;
  helpdesk: HelpdeskView;
  lines: { fulfillmentLineItemId: string; title: string; quantity: number; decision: CaseLine['decision']; photoUrls: string[] }[];
  estimatedRefund: Money;
  /** Set once the store declined the request (or its part that needed a check). */
  decline: DeclineView | null;
  /** Oldest first, as a timeline reads. */
  events: { id: number; type: string; at: string }[];
};

/** What the shopper may see of a case: no hashes, notes of the store, or vendor ids. */
export function toCaseView(found: Case, events: CaseEvent[], options: { helpdesk: boolean }): CaseView {
  const decline = toDeclineView(events);
  return {
    id: found.id,
    orderName: found.orderName,
    state: found.state,
    helpdesk: toHelpdeskView(found, events, options.helpdesk),
    lines: found.details.lines.map(({ fulfillmentLineItemId, title, quantity, decision, photoIds }) => ({
      fulfillmentLineItemId,
      title,
      quantity,
      decision: toShownDecision(decision, found.state, decline !== null),
      photoUrls: photoIds.map((key) => `/photos/${encodeURIComponent(key)}`),
    })),
    estimatedRefund: found.details.totals.estimatedRefund,
    decline,
    events: events.filter((event) => SHOWN_EVENTS.has(event.type)).map((event) => ({ id: event.id, type: event.type, at: event.at.toISOString() })),
  };
}

/** The short list on the order page. */
export function toCaseSummaries(cases: Case[]) {
  return cases.map((found) => ({ id: found.id, state: found.state, createdAt: found.createdAt.toISOString(), items: found.details.lines.reduce((sum, line) => sum + line.quantity, 0) }));
}

/** A line the policy left to a check shows the store's answer once the case has one. */
function toShownDecision(decision: CaseLine['decision'], state: CaseState, declined: boolean): CaseLine['decision'] {
  if (decision !== 'needs_review') return decision;
  if (declined || state === 'declined') return 'declined';
  return ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded'].includes(state) ? 'approved' : decision;
}

function toDeclineView(events: CaseEvent[]): DeclineView | null {
  const declined = events.findLast((event) => event.type === 'declined_by_store');
  if (!declined) return null;
  const reason = DECLINE_REASONS.find((known) => known === declined.data['declineReason']) ?? 'OTHER';
  const note = declined.data['declineNote'];
  return { reason, note: typeof note === 'string' && note.length > 0 ? note : null };
}

function toHelpdeskView(found: Case, events: CaseEvent[], configured: boolean): HelpdeskView {
  if (!configured) return { status: 'none', emailed: false };
  return {
    status: found.providerRefs.gorgiasTicketId ? 'with_team' : 'pending',
    emailed: events.some((event) => event.type === REPLY_SENT_EVENT),
  };
}
