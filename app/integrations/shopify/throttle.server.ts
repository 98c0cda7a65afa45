import { createMemoryBudgetLedger } from '~/budgets/memory-ledger';
import type { BudgetLedger, BucketShape } from '~/budgets/ports';
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
   * nothing). Written in the background: the caller's answer does not wait for it, but this
   * process' next request does.
   */
  record(status: ThrottleStatus, charge: { reserved: number; actual: number | null }): void;
};

/**
 * Until Shopify first describes the bucket (its first answer ever, for a database's ledger): a
 * generous one (Shopify Plus'), so the first requests never wait for a limit that may not be there.
 * Sent all at once, a few of them may be refused THROTTLED, and then asked again.
 */
const ASSUMED_BUCKET: BucketShape = { capacity: 20_000, ratePerSecond: 1_000 };

/**
 * Shopify's leaky bucket for one shop, kept in a ledger every process of the store shares
 * (app/budgets). Shopify admits a query while the bucket holds its requested cost and keeps the
 * actual cost, usually far less: each request waits for room for the first and holds the second,
 * so portals and workers together never ask for more than the bucket holds, and Shopify's
 * `throttleStatus` and actual cost correct the ledger after each answer. Waiting a second or two beats showing the shopper an error; waiting longer
 * does not, so past `maxWaitMs` nothing is reserved and the caller gets a retryable THROTTLED.
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
  let recorded: Promise<void> = Promise.resolve();

  return {
    async beforeRequest(requested, charge = requested) {
      await recorded;
      const { taken, waitMs } = await ledger.take(key, ASSUMED_BUCKET, charge, now(), maxWaitMs, requested);
      if (!taken) {
        throw new UpstreamError({
          service: 'shopify',
          status: null,
          code: 'THROTTLED',
          retryable: true,
          retryAfterSeconds: Math.ceil(waitMs / 1000),
        });
      }
      if (waitMs > 0) await sleep(Math.ceil(waitMs));
    },
    record(status, { reserved, actual }) {
      const observation = {
        adjust: (actual ?? 0) - reserved,
        level: status.maximumAvailable - status.currentlyAvailable,
        capacity: status.maximumAvailable,
        ratePerSecond: status.restoreRate,
      };
      const at = now();
      // A correction lost to a database error only leaves the ledger more cautious or less: the
      // next answer corrects it again.
      recorded = recorded.then(() => ledger.observe(key, ASSUMED_BUCKET, observation, at)).catch((error: unknown) => {
        log.warn('shopify.budget_unrecorded', { error: error instanceof Error ? error.name : 'unknown' });
      });
    },
  };
}
