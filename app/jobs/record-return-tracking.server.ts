import { z } from 'zod';
import { CASE_ID_PATTERN, type CaseStore } from '~/cases/case-store';
import type { ReverseDeliveries } from '~/integrations/shopify/reverse-deliveries.server';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { parkJob, type JobContext, type JobHandler } from './queue.server';

export const RecordTrackingJobSchema = z.object({ caseId: z.string().regex(CASE_ID_PATTERN) });

export type RecordTrackingDependencies = {
  cases: Pick<CaseStore, 'getCase' | 'listEvents'>;
  reverseDeliveries: ReverseDeliveries;
  retryLimit: number;
};

/**
 * The `shopify.record-return-tracking` worker: puts the tracking number the shopper typed on the
 * case's Shopify return. Outages retry with the queue's backoff; Shopify's refusal, or the last
 * attempt, parks the job (the case page already shows the number; Shopify only lacks it).
 */
export function createRecordTrackingHandler(deps: RecordTrackingDependencies): JobHandler {
  return async (data: unknown, job: JobContext) => {
    const { caseId } = RecordTrackingJobSchema.parse(data);
    const found = await deps.cases.getCase(caseId);
    const tracking = found ? (await deps.cases.listEvents(caseId)).findLast((event) => event.type === 'tracking_added') : undefined;
    const number = tracking?.data['trackingNumber'];
    const returnId = found?.providerRefs.shopifyReturnId;
    if (typeof number !== 'string' || !returnId) {
      log.error('jobs.record_tracking.nothing_to_record', { caseId });
      return parkJob('NOTHING_TO_RECORD');
    }
    const url = tracking?.data['trackingUrl'];
    try {
      const result = await deps.reverseDeliveries.recordTracking(returnId, { number, url: typeof url === 'string' ? url : null });
      log.info('jobs.record_tracking.done', { caseId, result });
      if (result === 'not_found') return parkJob('RETURN_NOT_FOUND');
    } catch (error) {
      if (!isUpstreamError(error) || (error.retryable && job.retryCount < deps.retryLimit)) throw error;
      log.error('jobs.record_tracking.gave_up', { caseId, code: error.code });
      return parkJob(error.code, error.status);
    }
  };
}
