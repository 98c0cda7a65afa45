import { createMemoryBudgetLedger } from '~/budgets/memory-ledger';
import { drained, observe } from '~/budgets/leaky-bucket';
import type { BucketShape, BucketState, BudgetLedger, Observation } from '~/budgets/ports';
import { log } from '~/utils/log.server';
import { UpstreamError } from '~/utils/upstream-error';
import type { ThrottleStatus } from './errors.server';

export type ThrottleGate = {
  /**
   * Waits until the shop's bucket has `requested` points free, holding `charge` (what Shopify is
   * expected to keep) from then on; or throws when that would take too long.
   */
  beforeRequest(requested: number, charge?: number): Promise<void>;
  /**
   * What Shopify said after a request that held `reserved` points and was charged `actual` (null:
   * nothing). Written in the background: the caller's answer does not wait for it.
   */
  record(status: ThrottleStatus, charge: { reserved: number; actual: number | null }): void;
};

/**
 * Until Shopify first describes the bucket (its first answer ever, for a database's ledger): a
 * generous one (Shopify Plus'), so the first requests never wait for a limit that may not be there.
 * Sent all at once, a few of them may be refused THROTTLED, and then asked again.
 */
const ASSUMED_BUCKET: BucketShape = { capacity: 20_000, ratePerSecond: 1_000 };

/** Below this share of the bucket as last seen, a request goes at once and its reservation is written behind it. */
const ROOMY_SHARE = 0.5;

/** Two reports not yet written, as one: charges add up, Shopify's latest word on the bucket wins. */
const merge = (earlier: Observation | null, later: Observation): Observation => ({
  adjust: (earlier?.adjust ?? 0) + (later.adjust ?? 0),
  level: later.level ?? earlier?.level,
  capacity: later.capacity ?? earlier?.capacity,
  ratePerSecond: later.ratePerSecond ?? earlier?.ratePerSecond,
});

/**
 * Shopify's leaky bucket for one shop, kept in a ledger every process of the store shares
 * (app/budgets). Shopify admits a query while the bucket holds its requested cost and keeps the
 * actual cost, usually far less: each request waits for room for the first and holds the second,
 * so portals and workers together never ask for more than the bucket holds, and Shopify's
 * `throttleStatus` and actual cost correct the ledger after each answer.
 *
 * A database write per call would cost every lookup a few milliseconds, for nothing while the
 * bucket is mostly empty: then (below half full as this process last saw it) the request goes at
 * once, and its charge joins Shopify's reports in one background write, which also brings back
 * what the other processes spent. Nearer the limit, each request reserves its turn in the ledger
 * first. Waiting a second or two beats showing the shopper an error; waiting longer does not, so
 * past `maxWaitMs` nothing is reserved and the caller gets a retryable THROTTLED.
 */
export function createThrottleGate(options: {
  ledger?: BudgetLedger;
  /** The bucket's key: one per shop. */
  key?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
} = {}): ThrottleGate {
  const ledger = options.ledger ?? createMemoryBudgetLedger();
  const key = options.key ?? 'shopify';
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  /** The ledger's bucket as last answered, with what this process noted since. */
  let known: BucketState | null = null;
  /** Charges and reports not written yet, and the write under way. */
  let pending: Observation | null = null;
  let writing: Promise<void> | null = null;

  /** Writes what is pending, then whatever was noted meanwhile. */
  const write = (): Promise<void> => {
    if (writing) return writing;
    const batch = pending;
    if (!batch) return Promise.resolve();
    pending = null;
    writing = ledger.observe(key, ASSUMED_BUCKET, batch, now())
      .then((state) => {
        known = pending ? observe(state, ASSUMED_BUCKET, { adjust: pending.adjust }, now()) : state;
      })
      // A write lost to a database error leaves the ledger more cautious or less: the next corrects it.
      .catch((error: unknown) => log.warn('shopify.budget_unrecorded', { error: error instanceof Error ? error.name : 'unknown' }))
      .finally(() => {
        writing = null;
      })
      .then(write);
    return writing;
  };

  const note = (observation: Observation) => {
    known = known && observe(known, ASSUMED_BUCKET, observation, now());
    pending = merge(pending, observation);
    void write();
  };

  return {
    async beforeRequest(requested, charge = requested) {
      if (known && drained(known, now()) + requested <= known.capacity * ROOMY_SHARE) {
        note({ adjust: charge });
        return;
      }
      while (pending || writing) await write();
      const result = await ledger.take(key, ASSUMED_BUCKET, charge, now(), maxWaitMs, requested);
      if (!result.taken) {
        throw new UpstreamError({
          service: 'shopify',
          status: null,
          code: 'THROTTLED',
          retryable: true,
          retryAfterSeconds: Math.ceil(result.waitMs / 1000),
        });
      }
      known = result.state;
      if (result.waitMs > 0) await sleep(Math.ceil(result.waitMs));
    },
    record(status, { reserved, actual }) {
      note({
        adjust: (actual ?? 0) - reserved,
        level: status.maximumAvailable - status.currentlyAvailable,
        capacity: status.maximumAvailable,
        ratePerSecond: status.restoreRate,
      });
    },
  };
}
