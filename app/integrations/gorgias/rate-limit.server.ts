import { CallLimitSchema } from './schemas';

export type CallLimitGate = {
  /** Waits (bounded) when the last response said the account bucket was full. */
  beforeRequest(): Promise<void>;
  /** Remembers `X-Gorgias-Account-Api-Call-Limit: used/limit` from any response. */
  record(headerValue: string | null): void;
};

/**
 * Gorgias's per-account leaky bucket (40 calls per 20 s for API keys) as last reported. When it is
 * full we wait for one call's worth to leak instead of earning a 429; the wait is capped so a
 * shopper's request never hangs — past the cap the call goes out and a 429 reaches the queue.
 */
export function createCallLimitGate(options: {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The bucket drains `limit` calls per window: 20 s for API keys, 10 s on Enterprise. */
  windowMs?: number;
  maxWaitMs?: number;
} = {}): CallLimitGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const windowMs = options.windowMs ?? 20_000;
  const maxWaitMs = options.maxWaitMs ?? 20_000;
  let last: { used: number; limit: number; at: number } | null = null;

  return {
    async beforeRequest() {
      if (!last || last.used < last.limit || last.limit <= 0) return;
      const msPerCall = windowMs / last.limit;
      const needed = (last.used - last.limit + 1) * msPerCall - (now() - last.at);
      if (needed <= 0) return;
      await sleep(Math.min(Math.ceil(needed), maxWaitMs));
    },
    record(headerValue) {
      const parsed = CallLimitSchema.safeParse(headerValue ?? '');
      if (parsed.success) last = { ...parsed.data, at: now() };
    },
  };
}
