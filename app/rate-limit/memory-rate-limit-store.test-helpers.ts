import type { RateLimitStore } from './ports';

/** In-memory RateLimitStore for unit tests; checked against the same contract as the SQL store. */
export function createMemoryRateLimitStore(): RateLimitStore & { size(): number } {
  const counters = new Map<string, Map<number, number>>();
  return {
    async hit(key, windowStart) {
      const windows = counters.get(key) ?? new Map<number, number>();
      counters.set(key, windows);
      const count = (windows.get(windowStart.getTime()) ?? 0) + 1;
      windows.set(windowStart.getTime(), count);
      return count;
    },
    async peek(key, windowStart) {
      return counters.get(key)?.get(windowStart.getTime()) ?? 0;
    },
    async clear(key) {
      counters.delete(key);
    },
    async deleteExpired(before) {
      let deleted = 0;
      for (const windows of counters.values()) {
        for (const start of windows.keys()) {
          if (start < before.getTime() && windows.delete(start)) deleted += 1;
        }
      }
      return deleted;
    },
    size() {
      return [...counters.values()].reduce((total, windows) => total + windows.size, 0);
    },
  };
}
