import { UpstreamError } from '~/utils/upstream-error';
import type { ThrottleStatus } from './errors.server';

export type ThrottleGate = {
  /** Waits until the bucket should hold `cost` points, or throws when that would take too long. */
  beforeRequest(cost: number): Promise<void>;
  /** Remembers what Shopify last said about the bucket. */
  record(status: ThrottleStatus): void;
};

/**
 * Shopify's leaky bucket, as last reported in `extensions.cost.throttleStatus`, projected forward
 * at its restore rate. Waiting a second beats showing the shopper an error; waiting longer does not.
 */
export function createThrottleGate(options: {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
} = {}): ThrottleGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  let last: { status: ThrottleStatus; at: number } | null = null;

  return {
    async beforeRequest(cost) {
      if (!last) return;
      const { status, at } = last;
      const elapsedSeconds = (now() - at) / 1000;
      const available = Math.min(status.maximumAvailable, status.currentlyAvailable + elapsedSeconds * status.restoreRate);
      if (available >= cost) return;
      const waitMs = Math.ceil(((cost - available) / status.restoreRate) * 1000);
      if (waitMs > maxWaitMs) {
        throw new UpstreamError({
          service: 'shopify',
          status: null,
          code: 'THROTTLED',
          retryable: true,
          retryAfterSeconds: Math.ceil(waitMs / 1000),
        });
      }
      await sleep(waitMs);
    },
    record(status) {
      last = { status, at: now() };
    },
  };
}
