import { log } from '~/utils/log.server';
import type { Case } from './case-store';

/** How long a shopper's request waits for the case to be carried out before the page says "in progress". */
export const EXECUTE_NOW_WAIT_MS = 8_000;

/**
 * Carries the case out on the shopper's request, but never keeps them waiting longer than
 * `waitMs`: an error (logged) or a slow Shopify leaves the case to its held-back job.
 */
export async function executeWithin(run: () => Promise<void>, found: Case, waitMs = EXECUTE_NOW_WAIT_MS): Promise<void> {
  const attempt = run().catch((error: unknown) =>
    log.warn('cases.execute_now_failed', { caseId: found.id, kind: found.kind, error: error instanceof Error ? error.message : String(error) }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([attempt, new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); })]);
  clearTimeout(timer);
}
