import { log } from '~/utils/log.server';
import { countParked } from './parking.server';
import type { JobHandler, Queue } from './queue.server';

/** Handlers by queue name (see `job-names.ts`); each parses its own job data. */
export type JobHandlers = Record<string, JobHandler>;

/**
 * Starts one worker per handler in this process and returns their ids. A queue with no handler
 * here keeps its jobs until a process that has one polls it: nothing is dropped. Parked jobs
 * found at start are logged once, so a restart reminds whoever reads the logs of them.
 */
export async function registerWorkers(queue: Queue, handlers: JobHandlers): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, handler] of Object.entries(handlers)) ids.push(await queue.work(name, handler));
  for (const [name, parked] of Object.entries(await countParked(queue))) {
    if (parked > 0) log.warn('jobs.parked_waiting', { name, parked, redrive: 'npm run jobs -- parked' });
  }
  return ids;
}
