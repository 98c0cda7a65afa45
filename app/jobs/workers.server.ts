import { log } from '~/utils/log.server';
import type { JobHandler, Queue } from './queue.server';

/** Handlers by queue name (see `job-names.ts`); each parses its own job data. */
export type JobHandlers = Record<string, JobHandler>;

/**
 * Starts one worker per handler in this process and returns their ids. A queue with no handler
 * here keeps its jobs until a process that has one polls it: nothing is dropped.
 */
export async function registerWorkers(queue: Queue, handlers: JobHandlers): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, handler] of Object.entries(handlers)) {
    const id = await queue.work(name, async (data, job) => {
      try {
        await handler(data, job);
      } catch (error) {
        // pg-boss keeps the error on the job; the log line is for whoever watches the process.
        log.warn('jobs.attempt_failed', { name, job: job.id, retryCount: job.retryCount, message: (error as Error).message });
        throw error;
      }
    });
    ids.push(id);
  }
  return ids;
}
