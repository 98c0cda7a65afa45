/**
 * Polls `check` every 100 ms until it gives a truthy value, which it returns; throws after the timeout,
 * a hang limit (below Vitest's 120 s) rather than a speed check: CI machines are slow and loaded.
 */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
