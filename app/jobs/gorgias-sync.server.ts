import { z } from 'zod';
import { CASE_ID_PATTERN } from '~/cases/case-store';
import { syncCaseToHelpdesk, type SyncCaseDeps } from '~/helpdesk/sync-case.server';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { parkJob, type JobContext, type JobHandler } from './queue.server';

export const GorgiasSyncJobSchema = z.object({ caseId: z.string().regex(CASE_ID_PATTERN) });

export type GorgiasSyncDependencies = SyncCaseDeps & {
  /** The queue's retry limit: the attempt that reaches it records the failure on the case. */
  retryLimit: number;
};

/**
 * The `gorgias.sync-case` worker. A retryable upstream error (429, 5xx, network) is thrown and
 * pg-boss retries with the queue's backoff, or later when Gorgias sent Retry-After (see
 * settle.server.ts). A final error — refused by Gorgias, or retries exhausted — becomes a
 * `helpdesk_failed` event and the job is parked: the case itself is kept, the next event's sync
 * tries again, and a re-drive of the parked job does too. Any other error is thrown: pg-boss
 * retries it and parks the job when the retries are spent.
 */
export function createGorgiasSyncHandler(deps: GorgiasSyncDependencies): JobHandler {
  return async (data: unknown, job: JobContext) => {
    const { caseId } = GorgiasSyncJobSchema.parse(data);
    try {
      const result = await syncCaseToHelpdesk(deps, caseId);
      if (result.status === 'synced') log.info('jobs.gorgias_sync.done', { caseId, ticketId: result.ticketId, created: result.created, notes: result.notesPosted });
      else if (result.status === 'no_customer_email') return await recordFailure(deps, caseId, 'NO_CUSTOMER_EMAIL', null);
      else {
        // Jobs are written in the case's own transaction: a bug, parked where someone will see it.
        log.error('jobs.gorgias_sync.unknown_case', { caseId });
        return parkJob('UNKNOWN_CASE');
      }
    } catch (error) {
      if (!isUpstreamError(error)) throw error;
      if (error.retryable && job.retryCount < deps.retryLimit) {
        log.warn('jobs.gorgias_sync.retry', { caseId, code: error.code, retryAfterSeconds: error.retryAfterSeconds, retryCount: job.retryCount });
        throw error;
      }
      return await recordFailure(deps, caseId, error.code, error.status);
    }
  };
}

async function recordFailure(deps: GorgiasSyncDependencies, caseId: string, code: string, status: number | null) {
  await deps.cases.appendEvent(caseId, { at: deps.clock(), type: 'helpdesk_failed', actor: 'system', data: { code, status } });
  log.error('jobs.gorgias_sync.gave_up', { caseId, code, status });
  return parkJob(code, status);
}
