import { createDatabase } from '../app/db/client.server';
import type { QueueSettings } from '../app/jobs/job-names';
import { createQueue } from '../app/jobs/queue.server';

/*
 * How fast queued jobs flow through one worker process: `jobs` jobs that each wait `workMs` (a
 * vendor call), sent at once, drained with 1 and with N jobs at a time (COMPTOIR_WORKER_CONCURRENCY),
 * and how long one job sent to an idle queue waits before it starts (NOTIFY wakes the worker; the
 * poll alone would wait up to its interval). On PGlite in memory: the queue's own cost, not a
 * database server's.
 */

const QUEUE = 'bench.drain';
const SETTINGS: Record<string, QueueSettings> = { [QUEUE]: { policy: 'standard', retryLimit: 0, retryDelay: 1, retryBackoff: false } };

export type DrainResult = { concurrency: number; jobs: number; workMs: number; drainMs: number; jobsPerSecond: number; wakeMsMedian: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureDrain(options: { jobs: number; workMs: number; concurrency: number }): Promise<DrainResult> {
  const database = await createDatabase({ dataDir: 'memory://' });
  const queue = await createQueue(database, { queues: SETTINGS, concurrency: options.concurrency, pollingIntervalSeconds: 2 });
  let done = 0;
  const waits: number[] = [];
  let finished: () => void = () => {};
  await queue.work<{ sentAt: number }>(QUEUE, async (data) => {
    waits.push(performance.now() - data.sentAt);
    await new Promise((resolve) => setTimeout(resolve, options.workMs));
    done += 1;
    if (done === options.jobs) finished();
  });
  // Wake-up: one job at a time into the idle queue.
  for (let i = 0; i < 5; i += 1) {
    const before = done;
    await queue.send(QUEUE, { sentAt: performance.now() });
    while (done === before) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const wakeMsMedian = median(waits);
  done = 0;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const t0 = performance.now();
  for (let i = 0; i < options.jobs; i += 1) await queue.send(QUEUE, { sentAt: performance.now() });
  await all;
  const drainMs = performance.now() - t0;
  await queue.stop();
  await database.close();
  return { concurrency: options.concurrency, jobs: options.jobs, workMs: options.workMs, drainMs, jobsPerSecond: (options.jobs * 1000) / drainMs, wakeMsMedian };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const jobs = Number(process.env.BENCH_QUEUE_JOBS ?? 40);
  const workMs = Number(process.env.BENCH_QUEUE_WORK_MS ?? 250);
  for (const concurrency of [1, 4]) {
    const result = await measureDrain({ jobs, workMs, concurrency });
    console.log(`queue drain: ${jobs} jobs of ${workMs} ms, ${concurrency} at a time: ${(result.drainMs / 1000).toFixed(1)} s (${result.jobsPerSecond.toFixed(1)} jobs/s; ideal ${((jobs * workMs) / concurrency / 1000).toFixed(1)} s), idle queue wakes in ${result.wakeMsMedian.toFixed(0)} ms (median of 5)`);
  }
  process.exit(0);
}
