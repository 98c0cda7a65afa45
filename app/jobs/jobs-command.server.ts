import { parseArgs } from 'node:util';
import { countJobs, JOB_STATES, listParked, redriveParked } from './parking.server';
import type { Queue } from './queue.server';

export const JOBS_USAGE = `Usage: npm run jobs -- <command>
  parked [--queue NAME] [--json]   list parked jobs, oldest first
  counts                           jobs of each queue by state
  redrive --id ID                  send one parked job back to its queue
  redrive --all [--queue NAME]     send every parked job (of one queue) back
A re-driven job starts again with a fresh set of retries. With the embedded database (no
DATABASE_URL) run this while the portal is stopped, or use /__sandbox/jobs in the sandbox.`;

const OPTIONS = {
  queue: { type: 'string' },
  id: { type: 'string' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/**
 * `npm run jobs`: lists and re-drives parked jobs. Prints through `print` and returns the exit
 * code: 0 done, 1 a job named by id was not parked (already re-driven?), 2 a usage error.
 */
export async function runJobsCommand(jobs: Pick<Queue, 'boss' | 'settings'>, argv: string[], print: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    print(`${(error as Error).message}\n${JOBS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || !command || extra.length > 0) {
    print(JOBS_USAGE);
    return values.help ? 0 : 2;
  }
  if (values.queue !== undefined && !(values.queue in jobs.settings)) {
    print(`No queue named ${values.queue}. Queues: ${Object.keys(jobs.settings).join(', ')}`);
    return 2;
  }
  switch (command) {
    case 'parked': {
      const parked = await listParked(jobs, { queue: values.queue });
      if (values.json) print(JSON.stringify(parked, null, 2));
      else if (parked.length === 0) print('No parked job.');
      else {
        for (const job of parked) {
          const error = `${job.code}${job.status === null ? '' : ` (HTTP ${job.status})`}`;
          print([job.id, job.queue, job.caseId ?? '-', error, `attempts ${job.attempts ?? '?'}`, `parked ${job.parkedAt.toISOString()}`].join('  '));
        }
        print(`${parked.length} parked. Re-drive: npm run jobs -- redrive --id ID, or --all`);
      }
      return 0;
    }
    case 'counts': {
      for (const queue of await countJobs(jobs)) {
        print(`${queue.name}  ${JOB_STATES.map((state) => `${state} ${queue.counts[state]}`).join('  ')}  parked ${queue.parked}`);
      }
      return 0;
    }
    case 'redrive': {
      if (Boolean(values.all) === (values.id !== undefined)) {
        print(`redrive needs --id ID or --all, not both.\n${JOBS_USAGE}`);
        return 2;
      }
      if (values.id !== undefined && !/^[0-9a-f-]{36}$/i.test(values.id)) {
        print(`${values.id} is not a job id: copy one from npm run jobs -- parked`);
        return 2;
      }
      const report = await redriveParked(jobs, values.id !== undefined ? { id: values.id } : { queue: values.queue });
      print(`Re-driven: ${report.redriven}. Already queued for their case, so not sent again: ${report.alreadyQueued}.`);
      return values.id !== undefined && report.redriven + report.alreadyQueued === 0 ? 1 : 0;
    }
    default:
      print(`Unknown command ${command}.\n${JOBS_USAGE}`);
      return 2;
  }
}
