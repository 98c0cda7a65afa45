export type RateLimitOptions = { capacity: number; windowSeconds: number; clock: () => Date };

export type Admission =
  | { ok: true; used: number; capacity: number }
  | { ok: false; used: number; capacity: number; retryAfterSeconds: number };

/**
 * Gorgias' leaky bucket, one per credential: each request adds one drop, the bucket drains
 * `capacity / windowSeconds` drops per second of the injected clock, and a request that would
 * overflow it is refused (and not counted), with the whole seconds until a drop has leaked.
 */
export function createRateLimiter({ capacity, windowSeconds, clock }: RateLimitOptions) {
  const leakPerMs = capacity / (windowSeconds * 1000);
  const buckets = new Map<string, { level: number; at: number }>();

  const drain = (key: string) => {
    const now = clock().getTime();
    const bucket = buckets.get(key) ?? { level: 0, at: now };
    bucket.level = Math.max(0, bucket.level - Math.max(0, now - bucket.at) * leakPerMs);
    bucket.at = now;
    buckets.set(key, bucket);
    return bucket;
  };

  return {
    /** Counts one request for `key`, or says how long to wait. */
    admit(key: string): Admission {
      const bucket = drain(key);
      if (bucket.level + 1 > capacity) {
        const retryAfterSeconds = Math.max(1, Math.ceil((bucket.level + 1 - capacity) / leakPerMs / 1000));
        return { ok: false, used: Math.ceil(bucket.level), capacity, retryAfterSeconds };
      }
      bucket.level += 1;
      return { ok: true, used: Math.ceil(bucket.level), capacity };
    },
    reset(): void {
      buckets.clear();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
