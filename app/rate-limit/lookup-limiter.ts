import { toClientKey } from './client-address';
import type { RateLimitStore } from './ports';

/*
 * Fixed windows, aligned to the epoch: one row per key and window, one atomic upsert per
 * failure, an exact Retry-After, and cleanup by a single indexed delete. The price is the
 * boundary burst (up to 2 × max failures straddling two windows), which is acceptable for a
 * cap on email guesses: it still keeps a guesser to a handful of tries per quarter hour.
 * A sliding log would need one row per attempt; a sliding estimate would make Retry-After
 * a guess.
 */

export interface RateLimitRule {
  max: number;
  windowMs: number;
}

export interface LookupLimiterRules {
  /** Failures allowed against one order number, whoever sends them. */
  perOrder: RateLimitRule;
  /** Failures allowed from one client, across all order numbers. */
  perClient: RateLimitRule;
}

export const DEFAULT_LOOKUP_RULES: LookupLimiterRules = {
  perOrder: { max: 5, windowMs: 15 * 60 * 1000 },
  perClient: { max: 20, windowMs: 60 * 60 * 1000 },
};

export interface LookupAttempt {
  orderNumber: string;
  clientAddress: string;
}

export type LookupDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LookupLimiterOptions {
  store: RateLimitStore;
  rules?: LookupLimiterRules;
  /** Keyed hash (see hashIdentifier) so neither order numbers nor addresses reach the store. */
  hashKey: (value: string) => string;
  /**
   * Whether a successful lookup resets that order's counter. Off by default: a success proves
   * only that this client knows the email, and resetting would also wipe the record of a
   * guesser hammering the same order. The per-client counter is never reset, or an attacker
   * could interleave lookups of their own order to lift the cap on guessing others.
   */
  resetOrderOnSuccess?: boolean;
  /** Share of failures that also sweep old counters; 1 in 100 keeps the table small cheaply. */
  cleanupRate?: number;
  random?: () => number;
}

export interface LookupLimiter {
  /** Refuses when either counter has already reached its max in the current window. */
  check(attempt: LookupAttempt, now: Date): Promise<LookupDecision>;
  /** Counts a failed lookup against both keys; returns what the next attempt will get. */
  recordFailure(attempt: LookupAttempt, now: Date): Promise<LookupDecision>;
  /** Counts nothing; resets the order counter only when `resetOrderOnSuccess` is on. */
  recordSuccess(attempt: LookupAttempt): Promise<void>;
}

export function createLookupLimiter(options: LookupLimiterOptions): LookupLimiter {
  const { store, hashKey } = options;
  const rules = options.rules ?? DEFAULT_LOOKUP_RULES;
  const cleanupRate = options.cleanupRate ?? 0.01;
  const random = options.random ?? Math.random;
  const longestWindowMs = Math.max(rules.perOrder.windowMs, rules.perClient.windowMs);

  const keysFor = (attempt: LookupAttempt) => ({
    perOrder: hashKey(`order:${normalizeOrderNumber(attempt.orderNumber)}`),
    perClient: hashKey(`client:${toClientKey(attempt.clientAddress)}`),
  });

  async function countAll(
    attempt: LookupAttempt,
    now: Date,
    read: (key: string, windowStart: Date, rule: RateLimitRule) => Promise<number>
  ): Promise<LookupDecision> {
    const keys = keysFor(attempt);
    const limits = [
      { key: keys.perOrder, rule: rules.perOrder },
      { key: keys.perClient, rule: rules.perClient },
    ];
    const counts = await Promise.all(
      limits.map(({ key, rule }) => read(key, getWindowStart(now, rule.windowMs), rule))
    );
    const waits = limits
      .filter(({ rule }, index) => (counts[index] ?? 0) >= rule.max)
      .map(({ rule }) => secondsUntilWindowEnds(now, rule.windowMs));
    // Both caps must have lifted before a retry can succeed, so wait for the later one.
    return waits.length === 0
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(...waits) };
  }

  return {
    check(attempt, now) {
      return countAll(attempt, now, (key, windowStart) => store.peek(key, windowStart));
    },

    async recordFailure(attempt, now) {
      const decision = await countAll(attempt, now, (key, windowStart, rule) =>
        store.hit(key, windowStart, rule.windowMs)
      );
      if (random() < cleanupRate) {
        await store.deleteExpired(new Date(now.getTime() - longestWindowMs));
      }
      return decision;
    },

    async recordSuccess(attempt) {
      if (options.resetOrderOnSuccess) await store.clear(keysFor(attempt).perOrder);
    },
  };
}

export function getWindowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

function secondsUntilWindowEnds(now: Date, windowMs: number): number {
  const endsAt = getWindowStart(now, windowMs).getTime() + windowMs;
  return Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
}

/** `#1001`, ` 1001 ` and `1001` are one order: formatting must not buy extra guesses. */
function normalizeOrderNumber(orderNumber: string): string {
  return orderNumber
    .trim()
    .replace(/^#+\s*/, '')
    .toLowerCase();
}
