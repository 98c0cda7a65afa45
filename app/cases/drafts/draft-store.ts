import type { ReturnDraft } from './return-draft';

/**
 * Where return drafts live between the flow's requests: in the database, so any portal process
 * can answer the next step. One draft per shopper session (and so per order).
 */
export interface ReturnDraftStore {
  /** The session's draft, or null when it has none (or one for another order). */
  get(sessionId: string, orderId: string): Promise<ReturnDraft | null>;
  /** Writes the session's draft whole; drafts untouched for a day (no session lives longer) go. */
  save(sessionId: string, orderId: string, draft: ReturnDraft, now: Date): Promise<void>;
}
