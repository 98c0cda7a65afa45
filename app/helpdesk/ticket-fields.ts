import type { Case, CaseEvent } from '~/cases/case-store';
import type { CaseVerdict } from '~/cases/kind';
import type { CaseState } from '~/cases/case-state';
import { kindOf } from '~/cases/kinds';

/** A note's Gorgias `external_id`: one per case event, so a retry finds what it already posted. */
export const toNoteExternalId = (caseId: string, eventId: number) => `${caseId}:event:${eventId}`;

/** The customer message a ticket is created with. */
export const toOpeningExternalId = (caseId: string) => `${caseId}:opened`;

/** The one public reply a case sends the shopper: found on the ticket, it is never sent again. */
export const toReplyExternalId = (caseId: string) => `${caseId}:reply`;

/** The reply with the return label and how to send the items back, once the label is issued. */
export const toLabelReplyExternalId = (caseId: string) => `${caseId}:label-reply`;

/*
 * The helpdesk's bookkeeping in the case log (never noted on the ticket, never shown to shoppers):
 * - ticket_from_link: the case opened in a session an agent's link started, on that link's ticket;
 * - ticket_linked: the sync found or opened the ticket (`replaces` the one that was gone);
 * - verdict_tagged: the verdict tag the portal put on the ticket, so it may take it off again;
 * - review_routed / review_refused: the review team and priority were set (or refused) once;
 * - reply_sent / reply_refused: the public reply went out (or was refused) once;
 * - label_reply_sent / label_reply_refused: likewise for the reply with the return label.
 */
export const TICKET_FROM_LINK_EVENT = 'gorgias.ticket_from_link';
export const TICKET_LINKED_EVENT = 'gorgias.ticket_linked';
export const VERDICT_TAGGED_EVENT = 'gorgias.verdict_tagged';
export const REVIEW_ROUTED_EVENT = 'gorgias.review_routed';
export const REVIEW_REFUSED_EVENT = 'gorgias.review_refused';
export const REPLY_SENT_EVENT = 'gorgias.reply_sent';
export const REPLY_REFUSED_EVENT = 'gorgias.reply_refused';
export const LABEL_REPLY_SENT_EVENT = 'gorgias.label_reply_sent';
export const LABEL_REPLY_REFUSED_EVENT = 'gorgias.label_reply_refused';

/**
 * Events that get no note: the helpdesk's own bookkeeping (`gorgias.*`, `helpdesk_*`) would
 * otherwise make every sync post a note about the last sync.
 */
export const isNotedEvent = (event: Pick<CaseEvent, 'type'>) => !event.type.startsWith('gorgias.') && !event.type.startsWith('helpdesk_');

export const VERDICT_TAGS = ['auto-approved', 'needs-review', 'refused'] as const;
export type VerdictTag = (typeof VERDICT_TAGS)[number];

// Once the store has answered, its answer is the verdict; before, the policy's verdict on the lines.
const APPROVED_STATES: readonly CaseState[] = ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'];

/** The verdict tag agents filter on, for where the case stands now. */
export function toVerdictTag(found: Pick<Case, 'kind' | 'details' | 'state'>): VerdictTag {
  if (found.state === 'needs_review') return 'needs-review';
  if (found.state === 'declined') return 'refused';
  if (APPROVED_STATES.includes(found.state)) return 'auto-approved';
  return POLICY_VERDICT_TAGS[kindOf(found).policyVerdict(found)];
}

const POLICY_VERDICT_TAGS = { approved: 'auto-approved', needs_review: 'needs-review', declined: 'refused' } as const satisfies Record<CaseVerdict, VerdictTag>;

/** `comptoir`, the kind, the current verdict and the kind's own tags (a return's reason ids). */
export function toTicketTags(found: Pick<Case, 'kind' | 'details' | 'state'>): string[] {
  return [...new Set(['comptoir', found.kind, toVerdictTag(found), ...kindOf(found).tags(found)])];
}

/** Verdict tags this case ever put on its ticket, newest last. */
export function toTaggedVerdicts(events: Pick<CaseEvent, 'type' | 'data'>[]): VerdictTag[] {
  return events.flatMap((event) => {
    const tag = event.type === VERDICT_TAGGED_EVENT ? event.data['tag'] : null;
    return VERDICT_TAGS.includes(tag as VerdictTag) ? [tag as VerdictTag] : [];
  });
}

/**
 * The ticket's verdict tags that no longer hold: ones the portal put there (`ours`) that neither
 * this case nor another case on the same ticket (`kept`) stands for. A tag an agent added is
 * never among them, even a verdict tag.
 */
export function toStaleVerdictTags(ticketTags: string[], ours: Iterable<VerdictTag>, kept: Iterable<VerdictTag>): VerdictTag[] {
  const own = new Set<string>(ours);
  const keep = new Set<string>(kept);
  return ticketTags.filter((tag): tag is VerdictTag => own.has(tag) && !keep.has(tag));
}
