import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import type { JobContext, JobHandler, ParkReason } from './queue.server';

/** What a failed or parked job keeps as its output: enough to decide on a re-drive, no body. */
export type JobFailure = ParkReason & { retryAfterSeconds: number | null; message: string };

/**
 * Runs one job and tells pg-boss how it ended. pg-boss turns `failed` into a retry while
 * retries are left and into a move to the queue's parked queue (its dead letter) after the
 * last; `deadletter` parks at once. Two cases pg-boss would get wrong are settled here:
 * - Retry-After: pg-boss's backoff ignores it, so the attempt is failed here and the retry moved
 *   to when the upstream asked, if that is later than the backoff.
 * - `stately` queues: a failing attempt whose key already has a job waiting in retry cannot go to
 *   retry itself (one job per state and key), and pg-boss would fail it for good, so park it.
 *   That waiting job will run the same delivery, so this attempt is completed as superseded.
 */
export async function runJob(boss: PgBoss, job: JobWithMetadata<unknown>, handler: JobHandler): Promise<JobResult> {
  const caseId = toCaseId(job.data);
  try {
    const outcome = await handler(job.data, toContext(job));
    if (!outcome) return { id: job.id, status: 'completed' };
    logParked(job, caseId, outcome.park);
    return { id: job.id, status: 'deadletter', output: { ...outcome.park, retryAfterSeconds: null, message: 'parked by its handler' } };
  } catch (error) {
    const failure = toFailure(error);
    if (job.retryCount >= job.retryLimit) {
      logParked(job, caseId, failure);
      return { id: job.id, status: 'failed', output: failure };
    }
    log.warn('jobs.attempt_failed', { name: job.name, job: job.id, caseId, retryCount: job.retryCount, message: failure.message });
    if (job.policy === 'stately' && job.singletonKey && (await hasRetryWaiting(boss, job))) {
      log.info('jobs.superseded', { name: job.name, job: job.id, caseId });
      return { id: job.id, status: 'completed', output: { supersededBy: 'retry', ...failure } };
    }
    if (failure.retryAfterSeconds) await failUntilRetryAfter(boss, job, failure);
    return { id: job.id, status: 'failed', output: failure };
  }
}

function toContext(job: JobWithMetadata<unknown>): JobContext {
  return { id: job.id, name: job.name, retryCount: job.retryCount, signal: job.signal };
}

/** Every Comptoir job is about one case; its id is what an operator searches the logs for. */
function toCaseId(data: unknown): string | null {
  const caseId = (data as { caseId?: unknown } | null)?.caseId;
  return typeof caseId === 'string' ? caseId : null;
}

function toFailure(error: unknown): JobFailure {
  if (isUpstreamError(error)) {
    return { code: error.code, status: error.status, retryAfterSeconds: error.retryAfterSeconds, message: error.message };
  }
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { code: 'INTERNAL', status: null, retryAfterSeconds: null, message: `${name}: ${message}`.slice(0, 500) };
}

/** One error line per parked job: the queue, ids and codes only, never the error's text. */
function logParked(job: JobWithMetadata<unknown>, caseId: string | null, reason: ParkReason) {
  log.error('jobs.parked', { name: job.name, job: job.id, caseId, code: reason.code, status: reason.status, attempts: job.retryCount + 1 });
}

async function hasRetryWaiting(boss: PgBoss, job: JobWithMetadata<unknown>): Promise<boolean> {
  const queued = await boss.findJobs(job.name, { key: job.singletonKey!, queued: true });
  return queued.some((other) => other.id !== job.id && other.state === 'retry');
}

/**
 * Fails this attempt now (fenced to it, so pg-boss's own settle afterwards changes nothing),
 * then sets the retry at Retry-After: later than the backoff when the vendor asks for longer,
 * sooner when it asks for less (Gorgias' 429 says 1 s; the backoff would wait 30 s and more). The
 * ceiling is the queue's longest delay: a vendor asking for a day does not hold a case that long.
 */
async function failUntilRetryAfter(boss: PgBoss, job: JobWithMetadata<unknown>, failure: JobFailure): Promise<void> {
  const seconds = Math.min(failure.retryAfterSeconds!, job.retryDelayMax ?? 3600);
  await boss.fail(job.name, { id: job.id, retryCount: job.retryCount }, failure);
  const [retry] = await boss.findJobs(job.name, { id: job.id });
  // Within a second of what was asked already: nothing to move.
  if (retry?.state !== 'retry' || Math.abs(new Date(retry.startAfter).getTime() - (Date.now() + seconds * 1000)) < 1000) return;
  await boss.update(job.name, undefined, { id: job.id, startAfter: seconds });
  log.info('jobs.retry_deferred', { name: job.name, job: job.id, retryAfterSeconds: seconds });
}
