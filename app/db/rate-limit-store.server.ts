import { and, eq, lt, sql } from 'drizzle-orm';
import type { RateLimitStore } from '~/rate-limit/ports';
import type { Database } from './client.server';
import { rateLimitCounters } from './schema';

/** Rate-limit counters in `rate_limit_counters`, shared by every portal process. */
export function createDbRateLimitStore(db: Database): RateLimitStore {
  return {
    /**
     * One upsert: the row lock taken by ON CONFLICT serialises concurrent hits, so each
     * caller gets a distinct count and none is lost, across processes too.
     * `windowMs` is unused: old rows go through `deleteExpired`.
     */
    async hit(key, windowStart) {
      const [row] = await db
        .insert(rateLimitCounters)
        .values({ key, windowStart, count: 1 })
        .onConflictDoUpdate({
          target: [rateLimitCounters.key, rateLimitCounters.windowStart],
          set: { count: sql`${rateLimitCounters.count} + 1` },
        })
        .returning({ count: rateLimitCounters.count });
      if (!row) throw new Error('rate-limit upsert returned no row');
      return row.count;
    },

    /** Reads one counter without changing it. */
    async peek(key, windowStart) {
      const [row] = await db
        .select({ count: rateLimitCounters.count })
        .from(rateLimitCounters)
        .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, windowStart)));
      return row?.count ?? 0;
    },

    /** Deletes all windows of one key. */
    async clear(key) {
      await db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
    },

    /** Deletes by `window_start`, which has its own index for this. */
    async deleteExpired(before) {
      const rows = await db
        .delete(rateLimitCounters)
        .where(lt(rateLimitCounters.windowStart, before))
        .returning({ key: rateLimitCounters.key });
      return rows.length;
    },
  };
}
