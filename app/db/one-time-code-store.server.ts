import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { judgeTry, judgeSend, type CodeBinding } from '~/verification/code-rules';
import type { OneTimeCodeStore, StoredCode } from '~/verification/ports';
import type { Database } from './client.server';
import { oneTimeCodes as t } from './schema';

const ofBinding = (binding: CodeBinding) =>
  and(eq(t.sessionId, binding.sessionId), eq(t.orderId, binding.orderId), eq(t.purpose, binding.purpose));

/** One-time codes in `one_time_codes`, shared by every portal process. */
export function createDbOneTimeCodeStore(db: Database): OneTimeCodeStore {
  async function read(binding: CodeBinding): Promise<StoredCode | null> {
    const [row] = await db.select().from(t).where(ofBinding(binding));
    if (!row) return null;
    const { codeId, codeHash, issuedAt, expiresAt, tries, consumedAt, sendWindowStart, sendCount, lastSentAt } = row;
    return { codeId, codeHash, issuedAt, expiresAt, tries, consumedAt, sendWindowStart, sendCount, lastSentAt };
  }

  return {
    /**
     * One upsert decides: ON CONFLICT locks the binding's row, so simultaneous sends, from any
     * process, see each other's writes, and its WHERE lets a send replace the code only within the
     * caps. A refused send returns no row; the row read afterwards says why.
     */
    async issue(binding, code, limits) {
      const now = code.issuedAt;
      const fresh = sql`${t.sendWindowStart} <= ${new Date(now.getTime() - limits.windowMs).toISOString()}::timestamptz`;
      const forgetAt = new Date(Math.max(code.expiresAt.getTime(), now.getTime() + limits.windowMs));
      const issued = await db
        .insert(t)
        .values({ ...binding, ...code, tries: 0, consumedAt: null, sendWindowStart: now, sendCount: 1, lastSentAt: now, forgetAt })
        .onConflictDoUpdate({
          target: [t.sessionId, t.orderId, t.purpose],
          set: {
            codeId: sql`excluded.code_id`,
            codeHash: sql`excluded.code_hash`,
            issuedAt: sql`excluded.issued_at`,
            expiresAt: sql`excluded.expires_at`,
            tries: 0,
            consumedAt: null,
            sendWindowStart: sql`case when ${fresh} then excluded.send_window_start else ${t.sendWindowStart} end`,
            sendCount: sql`case when ${fresh} then 1 else ${t.sendCount} + 1 end`,
            lastSentAt: sql`excluded.last_sent_at`,
            forgetAt: sql`greatest(excluded.forget_at, ${t.forgetAt})`,
          },
          setWhere: sql`(${fresh} or ${t.sendCount} < ${limits.maxPerWindow}) and ${t.lastSentAt} <= ${new Date(now.getTime() - limits.cooldownMs).toISOString()}::timestamptz`,
        })
        .returning({ codeId: t.codeId });
      if (issued.length > 0) return { issued: true };
      // Refused by the caps of the row as it stands now; should a newer send have changed it since, it was just sent.
      const refusal = judgeSend(await read(binding), now, limits) ?? { reason: 'cooldown', retryAt: new Date(now.getTime() + limits.cooldownMs) };
      return { issued: false, ...refusal };
    },

    read,

    /** The conditional increment is the check: a row whose tries are used up is not updated. */
    async takeTry(binding, now, maxTries) {
      const [taken] = await db
        .update(t)
        .set({ tries: sql`${t.tries} + 1` })
        .where(and(ofBinding(binding), isNull(t.consumedAt), sql`${t.expiresAt} > ${now.toISOString()}::timestamptz`, sql`${t.tries} < ${maxTries}`))
        .returning({ codeId: t.codeId, codeHash: t.codeHash, triesUsed: t.tries });
      if (taken) return { taken: true, ...taken };
      return { taken: false, reason: judgeTry(await read(binding), now, maxTries) ?? 'locked' };
    },

    /** `consumed_at is null` in the WHERE: the row lock makes a second update find it set. */
    async consume(binding, codeId, now) {
      const rows = await db
        .update(t)
        .set({ consumedAt: now })
        .where(and(ofBinding(binding), eq(t.codeId, codeId), isNull(t.consumedAt)))
        .returning({ codeId: t.codeId });
      return rows.length === 1;
    },

    /** By `forget_at`, which has its own index for this. */
    async deleteExpired(now) {
      const rows = await db.delete(t).where(lte(t.forgetAt, now)).returning({ codeId: t.codeId });
      return rows.length;
    },
  };
}
