/**
 * AfterShip allows 10 requests per second per organization. The gate spaces this process's calls
 * so they stay under it (a sliding one-second window), and after a 429 holds every call until the
 * time AfterShip named (`retry-after` / `ratelimit-reset`). Waits are capped, so a shopper's
 * request never hangs: past the cap the call goes out, and a 429 reaches the job queue's retries.
 */
export type RateGate = {
  beforeRequest(): Promise<void>;
  /** After a 429: no call before `seconds` from now. */
  holdFor(seconds: number): void;
};

export function createRateGate(options: {
  perSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
} = {}): RateGate {
  const perSecond = options.perSecond ?? 10;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const sent: number[] = [];
  let heldUntil = 0;

  return {
    async beforeRequest() {
      let waited = 0;
      for (;;) {
        const at = now();
        while (sent.length > 0 && sent[0]! <= at - 1000) sent.shift();
        const wait = Math.max(heldUntil - at, sent.length >= perSecond ? sent[0]! + 1000 - at : 0);
        if (wait <= 0 || waited >= maxWaitMs) break;
        const step = Math.min(wait, maxWaitMs - waited);
        waited += step;
        await sleep(step);
      }
      sent.push(now());
    },
    holdFor(seconds) {
      heldUntil = Math.max(heldUntil, now() + seconds * 1000);
    },
  };
}
