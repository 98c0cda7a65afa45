import { z } from 'zod';
import { CASE_ID_PATTERN, type CaseStore } from '~/cases/case-store';
import type { ShopifyReturns } from '~/cases/ports';
import { releaseExchangeOnce } from '~/cases/return/release-exchange.server';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { parkJob, type JobContext, type JobHandler } from './queue.server';

export const ReleaseExchangeJobSchema = z.object({ caseId: z.string().regex(CASE_ID_PATTERN) });

export type ReleaseExchangeDependencies = {
  cases: Pick<CaseStore, 'getCase' | 'listEvents' | 'appendEvent'>;
  shopifyReturns: Pick<ShopifyReturns, 'releaseExchange'>;
  clock: () => Date;
  retryLimit: number;
  /** Asks the helpdesk to post the case's new events on its ticket; absent without a helpdesk. */
  requestHelpdeskSync?: ((caseId: string) => Promise<void>) | undefined;
};

/**
 * The `shopify.release-exchange` worker, queued when a return whose exchange ships "once the
 * return is on its way" gets moving: Shopify lets the new items ship. Outages retry with the
 * queue's backoff; the last attempt parks the job (the store can still ship them from Shopify).
 */
export function createReleaseExchangeHandler(deps: ReleaseExchangeDependencies): JobHandler {
  return async (data: unknown, job: JobContext) => {
    const { caseId } = ReleaseExchangeJobSchema.parse(data);
    const found = await deps.cases.getCase(caseId);
    if (found?.kind !== 'return') {
      log.error('jobs.release_exchange.no_case', { caseId });
      return parkJob('NO_CASE');
    }
    try {
      await releaseExchangeOnce(deps, found);
      log.info('jobs.release_exchange.done', { caseId });
      await deps.requestHelpdeskSync?.(caseId);
    } catch (error) {
      if (!isUpstreamError(error) || (error.retryable && job.retryCount < deps.retryLimit)) throw error;
      log.error('jobs.release_exchange.gave_up', { caseId, code: error.code });
      return parkJob(error.code, error.status);
    }
  };
}
