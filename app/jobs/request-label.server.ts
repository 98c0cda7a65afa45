import { z } from 'zod';
import { CASE_ID_PATTERN } from '~/cases/case-store';
import type { LabelProviderName } from '~/labels/ports';
import { recordLabelFailure, requestCaseLabel, type RequestLabelDeps } from '~/labels/request-label.server';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { parkJob, type JobContext, type JobHandler } from './queue.server';

export const RequestLabelJobSchema = z.object({ caseId: z.string().regex(CASE_ID_PATTERN) });

export type RequestLabelDependencies = RequestLabelDeps & {
  /** The queue's retry limit: the attempt that reaches it tells an agent and parks the job. */
  retryLimit: number;
  /** Deliveries the provider sent about this return before the case held its id: applied now, in order. */
  applyKept(provider: LabelProviderName, providerReturnId: string): Promise<void>;
  requestHelpdeskSync?: ((caseId: string) => Promise<void>) | undefined;
};

/**
 * The `labels.request-label` worker, like the Gorgias one: a retryable upstream error (outage,
 * 429) is thrown and pg-boss retries with the queue's backoff (or at Retry-After); a final one,
 * or the last attempt, is logged on the case for an agent (`label_refused`) and the job parked.
 */
export function createRequestLabelHandler(deps: RequestLabelDependencies): JobHandler {
  return async (data: unknown, job: JobContext) => {
    const { caseId } = RequestLabelJobSchema.parse(data);
    try {
      const result = await requestCaseLabel(deps, caseId);
      if (result.status === 'unknown_case') {
        log.error('jobs.request_label.unknown_case', { caseId });
        return parkJob('UNKNOWN_CASE');
      }
      log.info('jobs.request_label.done', { caseId, status: result.status, ...('provider' in result ? { provider: result.provider } : { why: result.why }) });
      if (result.status === 'skipped') return;
      if (result.providerReturnId) await deps.applyKept(result.provider, result.providerReturnId);
      await deps.requestHelpdeskSync?.(caseId);
    } catch (error) {
      if (!isUpstreamError(error)) throw error;
      if (error.retryable && job.retryCount < deps.retryLimit) {
        log.warn('jobs.request_label.retry', { caseId, code: error.code, retryAfterSeconds: error.retryAfterSeconds, retryCount: job.retryCount });
        throw error;
      }
      await recordLabelFailure(deps, caseId, error.code, error.retryable);
      await deps.requestHelpdeskSync?.(caseId);
      log.error('jobs.request_label.gave_up', { caseId, code: error.code, status: error.status });
      return parkJob(error.code, error.status);
    }
  };
}
