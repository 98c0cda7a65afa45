import { randomUUID } from 'node:crypto';
import { eq, lte, sql } from 'drizzle-orm';
import type { RateLimitStore } from '~/rate-limit/ports';
import type { Database } from './client.server';
import { rateLimits } from './schema';

type TakeRow = { taken: boolean; window_start_ms: number; locked_until_ms: number | null };

/** Limits in `rate_limits`, shared by every portal process. */
export function createDbRateLimitStore(db: Database): RateLimitStore {
  return {
    /**
     * One upsert decides: ON CONFLICT takes the row's lock, so simultaneous calls, from any
     * process, run one after the other against the latest row, and each either takes a slot or
     * finds the key locked. A locked row is written back unchanged; `last_taker` (this call's
     * random id) says in the returned row whether this call is the one that took a slot.
     * Times are passed in, never read from the database clock, so tests can move time.
     */
    async take(key, rule, now) {
      const taker = randomUUID();
      const at = now.toISOString();
      const windowOver = new Date(now.getTime() - rule.windowMs).toISOString();
      const lockEnd = new Date(now.getTime() + rule.windowMs).toISOString();
      const locked = sql`r.locked_until > ${at}::timestamptz`;
      const fresh = sql`r.window_start <= ${windowOver}::timestamptz`;
      const result = await db.execute<TakeRow>(sql`
        insert into rate_limits as r (key, window_start, count, locked_until, expires_at, last_taker)
        values (${key}, ${at}::timestamptz, 1, case when 1 >= ${rule.max}::int then ${lockEnd}::timestamptz end, ${lockEnd}::timestamptz, ${taker})
        on conflict (key) do update set
          window_start = case when ${locked} then r.window_start when ${fresh} then ${at}::timestamptz else r.window_start end,
          count = case when ${locked} then r.count when ${fresh} then 1 else r.count + 1 end,
          locked_until = case
            when ${locked} then r.locked_until
            when (case when ${fresh} then 1 else r.count + 1 end) >= ${rule.max}::int then ${lockEnd}::timestamptz
          end,
          expires_at = case when ${locked} then r.expires_at else ${lockEnd}::timestamptz end,
          last_taker = case when ${locked} then r.last_taker else ${taker} end
        returning
          r.last_taker = ${taker} as taken,
          (extract(epoch from r.window_start) * 1000)::float8 as window_start_ms,
          (extract(epoch from r.locked_until) * 1000)::float8 as locked_until_ms`);
      const row = result.rows[0];
      if (!row) throw new Error('rate-limit upsert returned no row');
      if (row.taken) return { taken: true, windowStart: new Date(Math.round(row.window_start_ms)) };
      return { taken: false, lockedUntil: new Date(Math.round(row.locked_until_ms ?? now.getTime())) };
    },

    /** One update, on the window the slot came from only; the lock goes when fewer than max remain. */
    async giveBack(key, windowStart, rule) {
      await db.execute(sql`
        update rate_limits set
          count = count - 1,
          locked_until = case when count - 1 < ${rule.max}::int then null else locked_until end
        where key = ${key} and window_start = ${windowStart.toISOString()}::timestamptz and count > 0`);
    },

    async clear(key) {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },

    /** By `expires_at`, which has its own index for this. */
    async deleteExpired(now) {
      const rows = await db.delete(rateLimits).where(lte(rateLimits.expiresAt, now)).returning({ key: rateLimits.key });
      return rows.length;
    },
  };
}
