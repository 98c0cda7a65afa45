import { REPLY_SENT_EVENT } from '~/helpdesk/ticket-fields';
import type { Money } from '~/orders/types';
import type { Case, CaseEvent } from './case-store';
import type { CaseState } from './case-state';

/** Events the shopper sees; technical ones (vendor ids, retries) stay for agents and logs. */
const SHOWN_EVENTS = new Set(['received', 'submitted_to_store', 'approved_by_store', 'awaiting_review', 'store_refused', 'store_unreachable', 'not_submitted']);

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
  lines: { fulfillmentLineItemId: string; title: string; quantity: number; decision: Case['lines'][number]['decision']; photoUrls: string[] }[];
  estimatedRefund: Money;
  /** Oldest first, as a timeline reads. */
  events: { id: number; type: string; at: string }[];
};

/** What the shopper may see of a case: no hashes, notes of the store, or vendor ids. */
export function toCaseView(found: Case, events: CaseEvent[], options: { helpdesk: boolean }): CaseView {
  return {
    id: found.id,
    orderName: found.orderName,
    state: found.state,
    helpdesk: toHelpdeskView(found, events, options.helpdesk),
    lines: found.lines.map(({ fulfillmentLineItemId, title, quantity, decision, photoIds }) => ({
      fulfillmentLineItemId,
      title,
      quantity,
      decision,
      photoUrls: photoIds.map((key) => `/photos/${encodeURIComponent(key)}`),
    })),
    estimatedRefund: found.totals.estimatedRefund,
    events: events.filter((event) => SHOWN_EVENTS.has(event.type)).map((event) => ({ id: event.id, type: event.type, at: event.at.toISOString() })),
  };
}

/** The short list on the order page. */
export function toCaseSummaries(cases: Case[]) {
  return cases.map((found) => ({ id: found.id, state: found.state, createdAt: found.createdAt.toISOString(), items: found.lines.reduce((sum, line) => sum + line.quantity, 0) }));
}

function toHelpdeskView(found: Case, events: CaseEvent[], configured: boolean): HelpdeskView {
  if (!configured) return { status: 'none', emailed: false };
  return {
    status: found.providerRefs.gorgiasTicketId ? 'with_team' : 'pending',
    emailed: events.some((event) => event.type === REPLY_SENT_EVENT),
  };
}
