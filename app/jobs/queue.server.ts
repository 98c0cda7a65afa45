import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fromDrizzle, fromPglite, PgBoss, type Queue as BossQueue } from 'pg-boss';
import type { Database, DatabaseHandle } from '~/db/client.server';
import { log } from '~/utils/log.server';
import { PARKED_RETENTION_SECONDS, QUEUES, toParkedQueue, type QueueSettings, type RetryPolicy } from './job-names';
import { runJob } from './settle.server';

export type SendOptions = Partial<RetryPolicy> & {
  /** On an `exclusive` queue, at most one pending or running job per key (pg-boss `singletonKey`). */
  singletonKey?: string;
  /**
   * A drizzle transaction: the job is inserted through it, so it commits or rolls back with
   * whatever else the transaction wrote. Without it the job is committed at once.
   */
  transaction?: Database;
};

export type JobContext = { id: string; name: string; retryCount: number; signal: AbortSignal };

/** Why a job gave up: an upstream error code (or our own), and the HTTP status when there was one. */
export type ParkReason = { code: string; status: number | null };

/** A handler's answer: nothing (done), or park the job now, retries left or not. */
export type JobOutcome = void | { park: ParkReason };

/**
 * Runs one job. Throwing fails the attempt: pg-boss retries it under the queue's policy and parks
 * it once the retries are spent. Returning `parkJob(…)` parks it at once (a final refusal).
 */
export type JobHandler<T = unknown> = (data: T, job: JobContext) => Promise<JobOutcome>;

export const parkJob = (code: string, status: number | null = null): JobOutcome => ({ park: { code, status } });

export type Queue = {
  /** The pg-boss instance, for what this wrapper does not cover (inspection, tests). */
  boss: PgBoss;
  /** The queues this instance created, by name, each with a parked queue beside it. */
  settings: Record<string, QueueSettings>;
  /** Queues a job and returns its id, or null when `singletonKey` matched a pending job. */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Starts polling one queue in this process; returns the worker id. */
  work<T = unknown>(name: string, handler: JobHandler<T>): Promise<string>;
  /** Stops the workers, waiting for running jobs, and releases pg-boss's connections. */
  stop(): Promise<void>;
};

export type QueueOptions = {
  /** Queues to create, with their policies; defaults to Comptoir's own. */
  queues?: Record<string, QueueSettings>;
  /**
   * Idle poll interval of workers, in seconds (≥ 0.5): a backstop, since a job sent wakes them at
   * once through LISTEN/NOTIFY (pg-boss's `useListenNotify`, on PGlite in process too).
   */
  pollingIntervalSeconds?: number;
  /**
   * Jobs of one queue this process takes per fetch and runs at once: a backlog drains at the
   * speed of the work, not one job per poll. 4 by default (COMPTOIR_WORKER_CONCURRENCY).
   */
  concurrency?: number;
  /** Connections of pg-boss's own pool on PostgreSQL, apart from the portal's. */
  maxConnections?: number;
  /**
   * How often pg-boss looks for expired jobs and refreshes what workers know of running ones, in
   * seconds (its defaults are 60). 30 s by default: with the 30 s heartbeat and the first retry's
   * 30–60 s, a job whose worker died runs again within about two minutes.
   */
  superviseIntervalSeconds?: number;
};

/** Parked jobs wait to be re-driven: never worked, never retried, kept a month. */
const PARKED_QUEUE: Omit<BossQueue, 'name'> = { policy: 'standard', retryLimit: 0, retentionSeconds: PARKED_RETENTION_SECONDS };

/**
 * Starts pg-boss on the portal's database. On PostgreSQL it opens its own small pool, so job
 * polling never takes a connection a shopper's request is waiting for. On PGlite it shares the
 * one embedded connection through pg-boss's PGlite adapter, which sends parameterless
 * (possibly multi-statement) text to `exec` and the rest to `query`.
 */
export async function createQueue(handle: DatabaseHandle, options: QueueOptions = {}): Promise<Queue> {
  const queues = options.queues ?? QUEUES;
  const client = (handle.db as unknown as { $client: unknown }).$client;
  // Monitoring is what fails expired jobs, and it also lists each stately key with a job running;
  // workers skip those keys until they re-read that list (queue cache, 60 s by default). All three
  // at one pace, or a dead worker's case would wait a further minute after its job was failed.
  const supervise = options.superviseIntervalSeconds ?? 30;
  const timers = { superviseIntervalSeconds: supervise, monitorIntervalSeconds: supervise, queueCacheIntervalSeconds: supervise };
  const boss =
    client instanceof PGlite
      ? new PgBoss({ db: fromPglite(client), backend: 'pglite', useListenNotify: true, ...timers })
      : client instanceof pg.Pool
        // One more connection than before: the listener keeps its own.
        ? new PgBoss({ connectionString: client.options.connectionString, max: (options.maxConnections ?? 3) + 1, useListenNotify: true, ...timers })
        : null;
  if (!boss) throw new Error('createQueue needs a database from createDatabase (PGlite or PostgreSQL)');
  // Without a listener an `error` event would throw; pg-boss recovers from these by itself.
  boss.on('error', (error) => log.error('jobs.error', { message: error.message }));
  await boss.start();
  for (const [name, settings] of Object.entries(queues)) {
    // The parked queue first: a queue's dead letter must exist before it is named.
    await ensureQueue(boss, toParkedQueue(name), PARKED_QUEUE);
    // `notify`: a job sent wakes the workers at once instead of at their next poll.
    const { concurrency: _perProcess, ...bossSettings } = settings;
    await ensureQueue(boss, name, { ...bossSettings, notify: true, deadLetter: toParkedQueue(name) });
  }

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  return {
    boss,
    settings: queues,
    async send(name, data, { transaction, ...jobOptions } = {}) {
      // Also keeps unknown names from reaching the cache miss described above.
      if (!(name in queues)) throw new Error(`no queue named ${name}: add it to the queue options`);
      const db = transaction ? fromDrizzle(transaction, sql) : undefined;
      return boss.send(name, data, { ...jobOptions, ...(db ? { db } : {}) });
    },
    work(name, handler) {
      // Up to `concurrency` jobs per fetch, run side by side; while a fetch comes back full there is
      // more, so the next one follows at once (`burstWhenBatchFull`) instead of after the poll
      // interval, which alone held a busy queue to one job per interval. Per-job results are what
      // let a handler park its job before the last retry. Polling keeps its pace with NOTIFY on: a
      // job held back (`startAfter`) wakes no one when it becomes due.
      const batchSize = (queues as Record<string, QueueSettings | undefined>)[name]?.concurrency ?? options.concurrency ?? 4;
      const workOptions = {
        pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds, batchSize, burstWhenBatchFull: true,
        includeMetadata: true, perJobResults: true,
      } as const;
      return boss.work(name, workOptions, async (jobs) => Promise.all(jobs.map((job) => runJob(boss, job, handler as JobHandler))));
    },
    stop: () => boss.stop({ graceful: true, timeout: 20_000 }),
  };
}

/** Creates the queue, or brings an existing one to these settings (all but its policy). */
async function ensureQueue(boss: PgBoss, name: string, settings: Omit<BossQueue, 'name'>): Promise<void> {
  if (!(await boss.getQueue(name))) await boss.createQueue(name, settings);
  else {
    const { policy: _fixedAtCreation, retryDelayMax, heartbeatSeconds, deadLetter, ...rest } = settings;
    // null clears what a former version set; pg-boss refuses a ceiling without backoff.
    await boss.updateQueue(name, {
      ...rest,
      retryDelayMax: retryDelayMax ?? null,
      heartbeatSeconds: heartbeatSeconds ?? null,
      deadLetter: deadLetter ?? null,
    });
  }
  // Fills pg-boss's queue cache now. A send inside a transaction looks the queue up there; on a
  // miss it would query through the main connection, which on PGlite is the very connection the
  // transaction holds, and wait for itself forever.
  await boss.previewRedrive(name);
}
