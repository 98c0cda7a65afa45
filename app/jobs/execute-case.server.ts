import { z } from 'zod';
import { CASE_ID_PATTERN, type Case } from '~/cases/case-store';
import type { CaseExecutor, ExecuteDeps } from '~/cases/kind';
import { KINDS, type CaseKind } from '~/cases/kinds';
import { log } from '~/utils/log.server';
import { parkJob, type JobContext, type JobHandler, type JobOutcome } from './queue.server';

export const ExecuteCaseJobSchema = z.object({ caseId: z.string().regex(CASE_ID_PATTERN) });

export type ExecuteCaseDependencies = ExecuteDeps & {
  /** The queue's retry limit: the attempt that reaches it hands the case to an agent. */
  retryLimit: number;
  /** Asks the helpdesk to catch up with the case's new events; absent without a helpdesk. */
  requestHelpdeskSync?: ((caseId: string) => Promise<void>) | undefined;
  /** The order changed in Shopify: every process drops its cached copies (services.orderChanged). */
  orderChanged?: ((orderId: string) => void) | undefined;
};

/**
 * The `shopify.execute-case` worker: reads the case and hands it to its kind's executor
 * (`KINDS[kind].execute`). An upstream error is thrown for pg-boss to retry with the queue's
 * backoff (or at the error's Retry-After, settle.server.ts); the attempt that reaches the retry
 * limit lets the executor hand the case to an agent, and the job is parked for a later re-drive.
 */
export function createExecuteCaseHandler(deps: ExecuteCaseDependencies): JobHandler {
  const executors = new Map<CaseKind, CaseExecutor<Case>>();
  const executorOf = (kind: CaseKind) => {
    let executor = executors.get(kind);
    if (!executor) executors.set(kind, (executor = KINDS[kind].execute(deps) as CaseExecutor<Case>));
    return executor;
  };

  return async (data: unknown, job: JobContext) => {
    const { caseId } = ExecuteCaseJobSchema.parse(data);
    const found = await deps.cases.getCase(caseId);
    if (!found) {
      // The job is written in the case's own transaction, so this is a bug, not a race.
      log.error('jobs.execute_case.unknown_case', { caseId, queue: job.name });
      return parkJob('UNKNOWN_CASE');
    }
    const executor = executorOf(found.kind);
    let outcome: JobOutcome = undefined;
    try {
      await executor.run(found);
    } catch (error) {
      if (job.retryCount < deps.retryLimit) throw error;
      const reason = await executor.giveUp(found, error);
      outcome = parkJob(reason.code, reason.status);
    }
    // Whatever the kind did in Shopify (a return, a cancellation, a refund, an address), the order
    // pages and return forms of every process read it afresh.
    deps.orderChanged?.(found.orderId);
    // Only after an attempt that ended: a failed one added nothing an agent needs yet.
    await deps.requestHelpdeskSync?.(caseId);
    return outcome;
  };
}
