/**
 * AfterShip's limit: 10 requests per second per organization (API key), in fixed one-second
 * windows of the emulator's clock. Every answer carries `ratelimit-limit`, `ratelimit-remaining`
 * and `ratelimit-reset` (the unix second the window ends); a refusal adds `retry-after`.
 */
export function createRateLimiter(options: { perSecond: number; clock: () => Date }) {
  const windows = new Map<string, { second: number; used: number }>();
  return {
    admit(key: string): { ok: boolean; headers: Record<string, string> } {
      const second = Math.floor(options.clock().getTime() / 1000);
      const window = windows.get(key)?.second === second ? windows.get(key)! : { second, used: 0 };
      windows.set(key, window);
      const ok = window.used < options.perSecond;
      if (ok) window.used += 1;
      const headers: Record<string, string> = {
        'ratelimit-limit': String(options.perSecond), 'ratelimit-remaining': String(options.perSecond - window.used), 'ratelimit-reset': String(second + 1),
      };
      if (!ok) headers['retry-after'] = '1';
      return { ok, headers };
    },
    reset: () => windows.clear(),
  };
}
