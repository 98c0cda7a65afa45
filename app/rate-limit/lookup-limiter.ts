import { LRUCache } from 'lru-cache';
import { toClientKey } from './client-address';
import type { RateLimitRule, RateLimitStore } from './ports';

/*
 * Failed lookups are capped per order number and per client. The count is taken *before* the
 * lookup runs, in one atomic statement per key, so ten guesses sent at once get five tries, not
 * ten: each takes a slot or is refused. A lookup that succeeds, or that Shopify never answered,
 * gives its slots back, since only failures count. Reaching the cap locks the key for the whole
 * configured window from that moment, so "locked for 15 minutes" means 15 minutes, and
 * Retry-After is when the lock ends. Between caps, a window opens with the key's first failure;
 * across two windows a guesser gets at most 2 × max − 1 tries before a lock, as with any window.
 */

export type { RateLimitRule } from './ports';

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

/** The slots a lookup holds while it runs; hand it back to `release` if the lookup must not count. */
export type LookupReservation = { slots: Array<{ key: string; rule: RateLimitRule; windowStart: Date }>; orderKey: string };

export type LookupDecision = { allowed: true; reservation: LookupReservation } | { allowed: false; retryAfterSeconds: number };

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
  /** Share of reservations that also sweep expired rows; 1 in 100 keeps the table small cheaply. */
  cleanupRate?: number;
  random?: () => number;
}

export interface LookupLimiter {
  /**
   * Counts the attempt as a failure against its order and its client before the lookup runs,
   * or refuses it while either is locked (then nothing is counted).
   */
  reserve(attempt: LookupAttempt, now: Date): Promise<LookupDecision>;
  /**
   * Whether the lookup may ask Shopify while its slots are being taken, instead of after: not
   * when this process saw one of its keys locked (the answer would be thrown away), nor while
   * another lookup on one of them is taking its slots (a burst of guesses would each cost a
   * Shopify call before most of them are refused). Only saves time; `reserve` still decides.
   */
  mayAskAhead(attempt: LookupAttempt, now: Date): boolean;
  /**
   * The lookup succeeded or never got an answer: gives its slots back (and resets the order's
   * count when `resetOrderOnSuccess` is on and it succeeded).
   */
  release(reservation: LookupReservation, outcome: 'success' | 'unanswered'): Promise<void>;
}

export function createLookupLimiter(options: LookupLimiterOptions): LookupLimiter {
  const { store, hashKey } = options;
  const rules = options.rules ?? DEFAULT_LOOKUP_RULES;
  const cleanupRate = options.cleanupRate ?? 0.01;
  const random = options.random ?? Math.random;

  // What this process has seen, to avoid asking Shopify ahead in vain; never used to decide.
  const knownLocks = new LRUCache<string, number>({ max: 10_000 });
  const reserving = new Map<string, number>();
  const keysOf = (attempt: LookupAttempt) => [
    hashKey(`order:${normalizeOrderNumber(attempt.orderNumber)}`),
    hashKey(`client:${toClientKey(attempt.clientAddress)}`),
  ];
  const count = (keys: string[], by: 1 | -1) => {
    for (const key of keys) {
      const next = (reserving.get(key) ?? 0) + by;
      if (next > 0) reserving.set(key, next);
      else reserving.delete(key);
    }
  };

  const giveBack = (slots: LookupReservation['slots']) =>
    Promise.all(slots.map((slot) => store.giveBack(slot.key, slot.windowStart, slot.rule))).then(() => undefined);

  return {
    mayAskAhead(attempt, now) {
      return keysOf(attempt).every((key) => !reserving.has(key) && !((knownLocks.get(key) ?? 0) > now.getTime()));
    },

    async reserve(attempt, now) {
      const [orderKey, clientKey] = keysOf(attempt) as [string, string];
      const limits = [
        { key: orderKey, rule: rules.perOrder },
        { key: clientKey, rule: rules.perClient },
      ];
      count([orderKey, clientKey], 1);
      const results = await Promise.all(limits.map(({ key, rule }) => store.take(key, rule, now))).finally(() => count([orderKey, clientKey], -1));
      results.forEach((result, index) => {
        if (result.lockedUntil) knownLocks.set(limits[index]!.key, result.lockedUntil.getTime());
      });
      if (random() < cleanupRate) await store.deleteExpired(now);
      const slots = limits.flatMap((limit, index) => {
        const result = results[index]!;
        return result.taken ? [{ ...limit, windowStart: result.windowStart }] : [];
      });
      const locks = results.flatMap((result) => (result.taken ? [] : [result.lockedUntil.getTime()]));
      if (locks.length === 0) return { allowed: true, reservation: { slots, orderKey } };
      // Refused by one key: the slot the other gave is not used, and must not lock anyone.
      await giveBack(slots);
      // Both caps must have lifted before a retry can succeed, so wait for the later one.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...locks) - now.getTime()) / 1000)) };
    },

    async release(reservation, outcome) {
      // A slot given back lifts the lock it set, if any.
      for (const slot of reservation.slots) knownLocks.delete(slot.key);
      if (outcome === 'success' && options.resetOrderOnSuccess) {
        await store.clear(reservation.orderKey);
        await giveBack(reservation.slots.filter((slot) => slot.key !== reservation.orderKey));
        return;
      }
      await giveBack(reservation.slots);
    },
  };
}

/** `#1001`, ` 1001 ` and `1001` are one order: formatting must not buy extra guesses. */
function normalizeOrderNumber(orderNumber: string): string {
  return orderNumber
    .trim()
    .replace(/^#+\s*/, '')
    .toLowerCase();
}
