import type { Case, CaseEvent } from '~/cases/case-store';

/** A note's Gorgias `external_id`: one per case event, so a retry finds what it already posted. */
export const toNoteExternalId = (caseId: string, eventId: number) => `${caseId}:event:${eventId}`;

/**
 * Logged when a case opens in a session that an agent's link started: the case goes on that
 * link's ticket (`providerRefs.gorgiasTicketId`) instead of a new one.
 */
export const TICKET_FROM_LINK_EVENT = 'gorgias.ticket_from_link';

/** The customer message a ticket is created with. */
export const toOpeningExternalId = (caseId: string) => `${caseId}:opened`;

/**
 * Events that get no note: the helpdesk's own bookkeeping (`gorgias.*`, `helpdesk_*`) would
 * otherwise make every sync post a note about the last sync.
 */
export const isNotedEvent = (event: Pick<CaseEvent, 'type'>) => !event.type.startsWith('gorgias.') && !event.type.startsWith('helpdesk_');

/** The verdict tag agents filter on: any line for review wins, then all refused, else approved. */
export function toVerdictTag(lines: Case['lines']): 'auto-approved' | 'needs-review' | 'refused' {
  if (lines.some((line) => line.decision === 'needs_review')) return 'needs-review';
  if (lines.every((line) => line.decision === 'declined')) return 'refused';
  return 'auto-approved';
}

/** `comptoir`, the kind, the verdict (`needs-review` once the case is in that state) and reason ids. */
export function toTicketTags(found: Pick<Case, 'kind' | 'lines' | 'state'>): string[] {
  const verdict = found.state === 'needs_review' ? 'needs-review' : toVerdictTag(found.lines);
  return [...new Set(['comptoir', found.kind, verdict, ...found.lines.map((line) => line.reasonId)])];
}
