import { isFreshSendWindow, judgeSend, judgeTry, type CodeBinding } from './code-rules';
import type { OneTimeCodeStore, StoredCode } from './ports';

const keyOf = (binding: CodeBinding) => JSON.stringify([binding.sessionId, binding.orderId, binding.purpose]);

/**
 * In-memory OneTimeCodeStore for unit tests; checked against the same contract as the SQL store.
 * Each call runs to completion without awaiting, so it is as atomic as the SQL statement.
 */
export function createMemoryOneTimeCodeStore(): OneTimeCodeStore & { size(): number } {
  const rows = new Map<string, StoredCode & { forgetAt: number }>();
  return {
    async issue(binding, code, limits) {
      const row = rows.get(keyOf(binding)) ?? null;
      const refusal = judgeSend(row, code.issuedAt, limits);
      if (refusal) return { issued: false, ...refusal };
      const fresh = !row || isFreshSendWindow(row, code.issuedAt, limits);
      const sendWindowStart = fresh ? code.issuedAt : row.sendWindowStart;
      const forgetAt = Math.max(code.expiresAt.getTime(), code.issuedAt.getTime() + limits.windowMs, row?.forgetAt ?? 0);
      rows.set(keyOf(binding), {
        ...code, tries: 0, consumedAt: null, sendWindowStart, sendCount: fresh ? 1 : row.sendCount + 1, lastSentAt: code.issuedAt, forgetAt,
      });
      return { issued: true };
    },
    async read(binding) {
      const row = rows.get(keyOf(binding));
      if (!row) return null;
      const { forgetAt: _forgetAt, ...stored } = row;
      return { ...stored };
    },
    async takeTry(binding, now, maxTries) {
      const row = rows.get(keyOf(binding)) ?? null;
      const refusal = judgeTry(row, now, maxTries);
      if (refusal || !row) return { taken: false, reason: refusal ?? 'none' };
      row.tries += 1;
      return { taken: true, codeId: row.codeId, codeHash: row.codeHash, triesUsed: row.tries };
    },
    async consume(binding, codeId, now) {
      const row = rows.get(keyOf(binding));
      if (!row || row.codeId !== codeId || row.consumedAt) return false;
      row.consumedAt = now;
      return true;
    },
    async deleteExpired(now) {
      let deleted = 0;
      for (const [key, row] of rows) if (row.forgetAt <= now.getTime() && rows.delete(key)) deleted += 1;
      return deleted;
    },
    size: () => rows.size,
  };
}
