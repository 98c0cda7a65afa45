export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

export type BucketOptions = { maximumAvailable: number; restoreRate: number; clock: () => Date };

/**
 * Shopify's cost bucket: it starts full, each query takes its requested cost up front, refills at
 * `restoreRate` points per second of the injected clock, and gives back what the query did not use.
 */
export function createLeakyBucket({ maximumAvailable, restoreRate, clock }: BucketOptions) {
  let available = maximumAvailable;
  let updatedAt = clock().getTime();

  const refill = () => {
    const now = clock().getTime();
    const elapsed = Math.max(0, now - updatedAt) / 1000;
    available = Math.min(maximumAvailable, available + elapsed * restoreRate);
    updatedAt = now;
  };

  return {
    /** Takes `cost` points if they are there; false means the query must be throttled. */
    tryTake(cost: number): boolean {
      refill();
      if (cost > available) return false;
      available -= cost;
      return true;
    },
    refund(points: number): void {
      refill();
      available = Math.min(maximumAvailable, available + Math.max(0, points));
    },
    status(): ThrottleStatus {
      refill();
      return { maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate };
    },
    reset(): void {
      available = maximumAvailable;
      updatedAt = clock().getTime();
    },
  };
}

export type LeakyBucket = ReturnType<typeof createLeakyBucket>;
