import type { RateLimitStore } from './ports';

type Entry = { windowStart: number; count: number; lockedUntil: number | null; expiresAt: number };

/**
 * In-memory RateLimitStore for unit tests; checked against the same contract as the SQL store.
 * Each call runs to completion without awaiting, so it is as atomic as the SQL statement.
 */
export function createMemoryRateLimitStore(): RateLimitStore & { size(): number } {
  const entries = new Map<string, Entry>();
  return {
    async take(key, rule, now) {
      const at = now.getTime();
      const entry = entries.get(key);
      if (entry?.lockedUntil != null && entry.lockedUntil > at) return { taken: false, lockedUntil: new Date(entry.lockedUntil) };
      const fresh = !entry || entry.windowStart + rule.windowMs <= at;
      const count = fresh ? 1 : entry.count + 1;
      const windowStart = fresh ? at : entry.windowStart;
      const lockedUntil = count >= rule.max ? at + rule.windowMs : null;
      entries.set(key, { windowStart, count, lockedUntil, expiresAt: at + rule.windowMs });
      return { taken: true, windowStart: new Date(windowStart), lockedUntil: lockedUntil === null ? null : new Date(lockedUntil) };
    },
    async giveBack(key, windowStart, rule) {
      const entry = entries.get(key);
      if (!entry || entry.windowStart !== windowStart.getTime() || entry.count <= 0) return;
      entry.count -= 1;
      if (entry.count < rule.max) entry.lockedUntil = null;
    },
    async clear(key) {
      entries.delete(key);
    },
    async deleteExpired(now) {
      let deleted = 0;
      for (const [key, entry] of entries) {
        if (entry.expiresAt <= now.getTime() && entries.delete(key)) deleted += 1;
      }
      return deleted;
    },
    size() {
      return entries.size;
    },
  };
}
