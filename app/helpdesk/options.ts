import type { HelpdeskPriority } from './ports';

/** What the merchant chose for the case tickets, beyond the Gorgias account itself. */
export type HelpdeskOptions = {
  /**
   * Set once on a ticket when its case needs review, so it lands with the right people; either
   * may be null (left as Gorgias has it).
   */
  review: { teamId: number | null; priority: HelpdeskPriority | null };
  /**
   * When set, each case's ticket gets one public email reply telling the shopper the team has the
   * request; Gorgias sends it from this email integration's address.
   */
  publicReply: { emailIntegration: { id: number; address: string } } | null;
  /** A ticket field (type text) that a ticket the portal opens gets the case reference in, for views and reports. */
  caseFieldId: number | null;
};

export const NO_HELPDESK_OPTIONS: HelpdeskOptions = { review: { teamId: null, priority: null }, publicReply: null, caseFieldId: null };
