import { observe, reserve, type BucketState } from './leaky-bucket';
import type { BudgetLedger } from './ports';

/** Buckets in this process only: right for one box, and the default of adapters built alone. */
export function createMemoryBudgetLedger(): BudgetLedger {
  const buckets = new Map<string, BucketState>();
  return {
    async take(key, shape, amount, nowMs, maxWaitMs, room = amount) {
      const result = reserve(buckets.get(key) ?? null, shape, amount, nowMs, maxWaitMs, room);
      if (!result.taken) return result;
      buckets.set(key, result.state);
      return result;
    },
    async observe(key, shape, observation, nowMs) {
      const state = observe(buckets.get(key) ?? null, shape, observation, nowMs);
      buckets.set(key, state);
      return state;
    },
  };
}
