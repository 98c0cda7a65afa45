/**
 * Loop allows 300 requests a minute per API key and answers 429 past that, with no header saying
 * how close we are. So we count our own calls in a sliding minute and wait for the oldest to age
 * out rather than earn a 429; after a 429 we hold every call until its Retry-After has passed.
 * Waits are capped so a caller never hangs: past the cap the call goes out and may get its 429.
 */
export function createLoopRateGate(options: {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  perMinute?: number;
  maxWaitMs?: number;
} = {}) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const perMinute = options.perMinute ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  let sent: number[] = [];
  let heldUntil = 0;

  return {
    async beforeRequest(): Promise<void> {
      const at = now();
      sent = sent.filter((time) => at - time < 60_000);
      const full = sent.length >= perMinute ? sent[sent.length - perMinute]! + 60_000 - at : 0;
      const wait = Math.max(full, heldUntil - at);
      if (wait > 0) await sleep(Math.min(wait, maxWaitMs));
      sent.push(now());
    },
    /** A 429 told us to wait this long before the next call. */
    holdFor(seconds: number): void {
      heldUntil = Math.max(heldUntil, now() + seconds * 1000);
    },
  };
}

export type LoopRateGate = ReturnType<typeof createLoopRateGate>;
