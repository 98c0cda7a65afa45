import { randomUUID } from 'node:crypto';
import { eq, lte, sql } from 'drizzle-orm';
import type { RateLimitRule, RateLimitStore, SlotRefused, SlotTaken } from '~/rate-limit/ports';
import type { Database } from './client.server';
import { letRequestsLeave } from './let-requests-leave.server';
import { rateLimits } from './schema';

type TakeRow = { taken: boolean; window_start_ms: number; locked_until_ms: number | null };

type Take = { key: string; rule: RateLimitRule; now: Date; resolve: (result: SlotTaken | SlotRefused) => void; reject: (error: unknown) => void };
type GiveBack = { key: string; windowStart: Date; rule: RateLimitRule; resolve: () => void; reject: (error: unknown) => void };

/** Limits in `rate_limits`, shared by every portal process. */
export function createDbRateLimitStore(db: Database): RateLimitStore {
  /*
   * A lookup takes (and later gives back) a slot on two keys at once. Calls made within a moment
   * go to the database as one statement: one round trip and one commit instead of two, which on
   * the embedded database is most of what a lookup adds to Shopify's time. A key already in the
   * pending batch starts a new one, since one statement must not write a row twice.
   *
   * Both statements lock their rows in key order. A lookup's give-back runs after the shopper has
   * their answer, so it may meet the next lookup's take on the same two keys, from this process or
   * another: in opposite orders, each would hold one row the other waits for, and PostgreSQL would
   * abort one of them as a deadlock.
   */
  const takes = batcher<Take>(async (unordered) => {
    const batch = [...unordered].sort(byKey);
    const result = await db.execute<TakeRow & { i: number }>(
      sql.join(
        [
          sql`with `,
          sql.join(batch.map((take, i) => sql`${sql.raw(`t${i}`)} as (${takeStatement(take)})`), sql`, `),
          sql` `,
          sql.join(batch.map((_, i) => sql`select ${sql.raw(String(i))}::int as i, * from ${sql.raw(`t${i}`)}`), sql` union all `),
        ],
        sql``,
      ),
    );
    batch.forEach((take, i) => {
      const row = result.rows.find((candidate) => Number(candidate.i) === i);
      if (!row) return take.reject(new Error('rate-limit upsert returned no row'));
      if (row.taken) {
        const lockedUntil = row.locked_until_ms === null ? null : new Date(Math.round(row.locked_until_ms));
        return take.resolve({ taken: true, windowStart: new Date(Math.round(row.window_start_ms)), lockedUntil });
      }
      take.resolve({ taken: false, lockedUntil: new Date(Math.round(row.locked_until_ms ?? take.now.getTime())) });
    });
  });

  const giveBacks = batcher<GiveBack>(async (batch) => {
    const rows = sql.join(batch.map((g) => sql`(${g.key}, ${g.windowStart.toISOString()}::timestamptz, ${g.rule.max}::int)`), sql`, `);
    const keys = sql.join([...batch].sort(byKey).map((g) => sql`${g.key}`), sql`, `);
    // One update, on the window the slot came from only; the lock goes when fewer than max remain.
    // The rows are locked first, in key order (see above).
    await db.execute(sql`
      with locked as (select key from rate_limits where key in (${keys}) order by key collate "C" for update)
      update rate_limits as r set
        count = r.count - 1,
        locked_until = case when r.count - 1 < v.max then null else r.locked_until end
      from (values ${rows}) as v(key, window_start, max)
      where r.key = v.key and r.window_start = v.window_start and r.count > 0 and r.key in (select key from locked)`);
    batch.forEach((g) => g.resolve());
  });

  return {
    /**
     * One upsert decides: ON CONFLICT takes the row's lock, so simultaneous calls, from any
     * process, run one after the other against the latest row, and each either takes a slot or
     * finds the key locked. A locked row is written back unchanged; `last_taker` (this call's
     * random id) says in the returned row whether this call is the one that took a slot.
     * Times are passed in, never read from the database clock, so tests can move time.
     */
    take: (key, rule, now) => new Promise((resolve, reject) => takes.add({ key, rule, now, resolve, reject })),

    giveBack: (key, windowStart, rule) => new Promise((resolve, reject) => giveBacks.add({ key, windowStart, rule, resolve, reject })),

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

// Byte order, as `collate "C"` sorts in SQL (keys are ASCII).
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function takeStatement({ key, rule, now }: Take) {
  const taker = randomUUID();
  const at = now.toISOString();
  const windowOver = new Date(now.getTime() - rule.windowMs).toISOString();
  const lockEnd = new Date(now.getTime() + rule.windowMs).toISOString();
  const locked = sql`r.locked_until > ${at}::timestamptz`;
  const fresh = sql`r.window_start <= ${windowOver}::timestamptz`;
  return sql`
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
      (extract(epoch from r.locked_until) * 1000)::float8 as locked_until_ms`;
}

/**
 * Collects the calls made in the next moment (distinct keys only) and runs them together. Not
 * sooner: a lookup asks Shopify just before it takes its slots, and its request must leave first
 * (see letRequestsLeave).
 */
function batcher<T extends { key: string; reject: (error: unknown) => void }>(run: (batch: T[]) => Promise<void>) {
  let pending: T[] | null = null;
  const flush = (batch: T[]) => run(batch).catch((error: unknown) => batch.forEach((item) => item.reject(error)));
  return {
    add(item: T) {
      if (!pending || pending.some((other) => other.key === item.key)) {
        const batch: T[] = [];
        pending = batch;
        void letRequestsLeave().then(() => {
          if (pending === batch) pending = null;
          void flush(batch);
        });
      }
      pending.push(item);
    },
  };
}
