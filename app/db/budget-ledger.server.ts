import { sql } from 'drizzle-orm';
import type { BucketState, BudgetLedger } from '~/budgets/ports';
import { overflowMs } from '~/budgets/leaky-bucket';
import type { Database } from './client.server';

type BucketRow = { level: number; capacity: number; rate_per_second: number; at_ms: number };

/**
 * The upstream buckets in `upstream_budgets`, shared by every process on this database. Each call
 * is one statement, so the row lock taken by the upsert or update orders callers from all
 * processes: the arithmetic is leaky-bucket.ts', written in SQL (the contract test holds them
 * together). Times come from the callers.
 */
export function createDbBudgetLedger(db: Database): BudgetLedger {
  /** The level at `now`, drained since the row's time, in SQL over the row `b`. */
  const drainedAt = (nowMs: number) =>
    sql`greatest(0, b.level - greatest(0, ${nowMs}::float8 - b.at_ms) / 1000.0 * b.rate_per_second)`;

  return {
    async take(key, shape, amount, nowMs, maxWaitMs, room = amount) {
      const needs = Math.max(room, amount);
      // A new bucket is taken from whatever the amount; a known one only while the wait fits, else
      // the WHERE leaves the row as it was and nothing comes back.
      const taken = await db.execute<BucketRow>(sql`
        insert into upstream_budgets as b (key, level, capacity, rate_per_second, at_ms)
        values (${key}, ${amount}::float8, ${shape.capacity}::float8, ${shape.ratePerSecond}::float8, ${nowMs}::float8)
        on conflict (key) do update set
          level = ${drainedAt(nowMs)} + ${amount}::float8,
          at_ms = greatest(b.at_ms, ${nowMs}::float8)
        where (${drainedAt(nowMs)} + ${needs}::float8 - b.capacity) / b.rate_per_second * 1000.0 <= ${maxWaitMs}::float8
        returning level, capacity, rate_per_second, at_ms`);
      const row = taken.rows[0];
      // The row holds the level after this reservation; the wait is for the room before it.
      if (row) return { taken: true, waitMs: overflowMs(Number(row.level) - amount + needs, toShape(row)), state: toState(row) };
      const current = await db.execute<BucketRow>(sql`
        select ${drainedAt(nowMs)} + ${needs}::float8 as level, capacity, rate_per_second, at_ms
        from upstream_budgets as b where key = ${key}`);
      const refused = current.rows[0];
      return { taken: false, waitMs: refused ? overflowMs(refused.level, toShape(refused)) : 0 };
    },

    async observe(key, shape, observation, nowMs) {
      const adjust = observation.adjust ?? 0;
      const reported = observation.level ?? 0;
      const capacity = observation.capacity ?? null;
      const rate = observation.ratePerSecond ?? null;
      const written = await db.execute<BucketRow>(sql`
        insert into upstream_budgets as b (key, level, capacity, rate_per_second, at_ms)
        values (${key}, greatest(0, ${adjust}::float8, ${reported}::float8),
          coalesce(${capacity}::float8, ${shape.capacity}::float8), coalesce(${rate}::float8, ${shape.ratePerSecond}::float8), ${nowMs}::float8)
        on conflict (key) do update set
          level = greatest(0, ${drainedAt(nowMs)} + ${adjust}::float8, ${reported}::float8),
          capacity = coalesce(${capacity}::float8, b.capacity),
          rate_per_second = coalesce(${rate}::float8, b.rate_per_second),
          at_ms = greatest(b.at_ms, ${nowMs}::float8)
        returning level, capacity, rate_per_second, at_ms`);
      return toState(written.rows[0]!);
    },
  };
}

const toShape = (row: BucketRow) => ({ capacity: Number(row.capacity), ratePerSecond: Number(row.rate_per_second) });
const toState = (row: BucketRow): BucketState => ({ level: Number(row.level), ...toShape(row), atMs: Number(row.at_ms) });
