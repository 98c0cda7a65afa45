import type { JobWithMetadata } from 'pg-boss';
import { z } from 'zod';
import { toParkedQueue } from './job-names';
import type { Queue } from './queue.server';

/*
 * Parked jobs: what gave up for good, kept in each queue's parked queue (its pg-boss dead letter
 * queue) until someone re-drives them. Shared by `npm run jobs` and the sandbox's jobs page.
 */

type Jobs = Pick<Queue, 'boss' | 'settings'>;

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export type ParkedJob = {
  /** The parked copy's id: what a re-drive of one job names. */
  id: string;
  /** The queue it gave up on, and goes back to. */
  queue: string;
  caseId: string | null;
  code: string;
  status: number | null;
  message: string | null;
  /** Attempts it had made, when pg-boss recorded them. */
  attempts: number | null;
  parkedAt: Date;
  firstQueuedAt: Date | null;
};

export type QueueCounts = { name: string; counts: Record<JobState, number>; parked: number };

export type RedriveReport = {
  /** Sent back to their queue, and gone from parking. */
  redriven: number;
  /** Not sent: their case already had that delivery waiting; removed from parking too. */
  alreadyQueued: number;
};

/** What a parked job's original kept as output: ours (settle.server.ts), or pg-boss's own. */
const SourceOutputSchema = z.looseObject({
  code: z.string().optional(),
  status: z.number().nullable().optional(),
  message: z.string().optional(),
  /** pg-boss's expiry: `{ value: { message: 'job timed out' | 'job heartbeat timeout' } }`. */
  value: z.looseObject({ message: z.string().optional() }).optional(),
});

const CaseDataSchema = z.looseObject({ caseId: z.string().optional() });

/** Source queues to look at: one if named (and known), else every one this queue created. */
function toSourceQueues(jobs: Jobs, only?: string): string[] {
  const names = Object.keys(jobs.settings);
  if (only === undefined) return names;
  if (!names.includes(only)) throw new Error(`no queue named ${only}; queues: ${names.join(', ')}`);
  return [only];
}

function toParkedJob(queue: string, job: JobWithMetadata<unknown>): ParkedJob {
  const output = SourceOutputSchema.safeParse(job.sourceOutput ?? {});
  const kept = output.success ? output.data : {};
  const expired = kept.value?.message !== undefined;
  return {
    id: job.id,
    queue: job.sourceName ?? queue,
    caseId: CaseDataSchema.safeParse(job.data).data?.caseId ?? null,
    code: kept.code ?? (expired ? 'EXPIRED' : 'UNKNOWN'),
    status: kept.status ?? null,
    message: kept.message ?? kept.value?.message ?? null,
    attempts: job.sourceRetryCount === null ? null : job.sourceRetryCount + 1,
    parkedAt: new Date(job.createdOn),
    firstQueuedAt: job.sourceCreatedOn ? new Date(job.sourceCreatedOn) : null,
  };
}

/** Parked jobs, oldest first. */
export async function listParked(jobs: Jobs, filter: { queue?: string } = {}): Promise<ParkedJob[]> {
  const parked: ParkedJob[] = [];
  for (const name of toSourceQueues(jobs, filter.queue)) {
    const waiting = await jobs.boss.findJobs(toParkedQueue(name), { queued: true });
    parked.push(...waiting.map((job) => toParkedJob(name, job)));
  }
  return parked.sort((a, b) => a.parkedAt.getTime() - b.parkedAt.getTime());
}

/** How many jobs wait in each queue's parking. */
export async function countParked(jobs: Jobs): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of toSourceQueues(jobs)) {
    counts[name] = (await jobs.boss.previewRedrive(toParkedQueue(name))).total;
  }
  return counts;
}

/**
 * Jobs of each queue by state, counted now. pg-boss's own counts (`getQueues`) are a cache
 * refreshed by its monitor and have no completed count, so this reads its job table (schema
 * `pgboss`, the default) directly, read-only.
 */
export async function countJobs(jobs: Jobs): Promise<QueueCounts[]> {
  const names = toSourceQueues(jobs);
  const { rows } = await jobs.boss.getDb().executeSql(
    'SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job WHERE name = ANY($1::text[]) GROUP BY name, state',
    [names],
  );
  const parked = await countParked(jobs);
  return names.map((name) => {
    const counts = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
    for (const row of rows as { name: string; state: JobState; count: number }[]) if (row.name === name) counts[row.state] = Number(row.count);
    return { name, counts, parked: parked[name] ?? 0 };
  });
}

/**
 * Sends parked jobs back to their queue as new jobs with a fresh retry budget, and removes them
 * from parking: one (`id`), or all (of one queue, or of every queue). pg-boss moves each job in
 * one statement that skips rows another re-drive holds, so re-driving twice, or from two places
 * at once, sends each job once. A job whose case already has that delivery waiting (the queue's
 * `exclusive`/`stately` policy refuses a second) is not sent: the waiting job does the same work.
 */
export async function redriveParked(jobs: Jobs, target: { queue?: string; id?: string }): Promise<RedriveReport> {
  const report: RedriveReport = { redriven: 0, alreadyQueued: 0 };
  const ids = target.id === undefined ? undefined : [z.uuid().parse(target.id)];
  for (const name of toSourceQueues(jobs, target.queue)) {
    const parked = toParkedQueue(name);
    for (;;) {
      const moved = await jobs.boss.redrive(parked, { ...(ids ? { ids } : {}), limit: 500 });
      report.redriven += moved;
      if (moved < 500) break;
    }
    // pg-boss leaves a job it could not re-create failed in place, saying why.
    const refused = (await jobs.boss.findJobs(parked, ids ? { id: ids[0] } : {}))
      .filter((job) => job.state === 'failed' && (job.output as { reason?: unknown } | null)?.reason === 'redrive_conflict');
    if (refused.length > 0) await jobs.boss.deleteJob(parked, refused.map((job) => job.id));
    report.alreadyQueued += refused.length;
  }
  return report;
}
