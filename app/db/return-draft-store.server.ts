import { and, eq, lt } from 'drizzle-orm';
import type { ReturnDraftStore } from '~/cases/drafts/draft-store';
import { ReturnDraftSchema } from '~/cases/drafts/return-draft';
import type { Database } from './client.server';
import { returnDrafts } from './schema';

/** A session lives 24 hours at most; its draft is of no use after that. */
const STALE_MS = 24 * 3_600_000;

/** Return drafts in `return_drafts`, one row per session, the JSON parsed on every read. */
export function createDbReturnDraftStore(db: Database): ReturnDraftStore {
  return {
    async get(sessionId, orderId) {
      const [row] = await db.select().from(returnDrafts).where(and(eq(returnDrafts.sessionId, sessionId), eq(returnDrafts.orderId, orderId)));
      if (!row) return null;
      // A row an older release wrote in another shape is a fresh start, not a 500.
      const parsed = ReturnDraftSchema.safeParse(row.draft);
      return parsed.success ? parsed.data : null;
    },

    async save(sessionId, orderId, draft, now) {
      const value = ReturnDraftSchema.parse(draft);
      await db
        .insert(returnDrafts)
        .values({ sessionId, orderId, draft: value, updatedAt: now })
        .onConflictDoUpdate({ target: returnDrafts.sessionId, set: { orderId, draft: value, updatedAt: now } });
      // A draft starting out sweeps the abandoned ones: no timer, and the index keeps it cheap.
      if (Object.keys(value.lines).length === 0 && value.submittedCaseId === null) {
        await db.delete(returnDrafts).where(lt(returnDrafts.updatedAt, new Date(now.getTime() - STALE_MS)));
      }
    },
  };
}
