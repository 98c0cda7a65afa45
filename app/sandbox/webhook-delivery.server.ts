/*
 * How every emulator delivers a signed webhook to the portal: POST the exact bytes, and on a
 * failure (non-2xx, timeout, refused connection) try again after each of `retryDelays`, as the
 * vendors do (on a compressed schedule). `entry` records the attempts for the sandbox pages;
 * `stillWanted` stops a delivery the emulator's reset dropped.
 */
export type DeliveryEntry = { attempts: number; lastStatus: number | null; status: string };

export async function deliverWithRetries(
  entry: DeliveryEntry,
  request: { url: () => string | null; body: string; headers: Record<string, string> },
  options: { retryDelays: readonly number[]; timeoutMs: number; stillWanted: () => boolean },
): Promise<void> {
  for (let attempt = 0; attempt <= options.retryDelays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, options.retryDelays[attempt - 1]));
    const url = request.url();
    if (!options.stillWanted() || !url) return;
    entry.attempts += 1;
    try {
      const response = await fetch(url, { method: 'POST', body: request.body, headers: request.headers, signal: AbortSignal.timeout(options.timeoutMs) });
      entry.lastStatus = response.status;
      await response.body?.cancel();
      if (response.ok) {
        entry.status = 'delivered';
        return;
      }
    } catch {
      entry.lastStatus = null;
    }
  }
  entry.status = 'failed';
}
