import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fromDrizzle, fromPglite, PgBoss, type Job } from 'pg-boss';
import type { Database, DatabaseHandle } from '~/db/client.server';
import { log } from '~/utils/log.server';
import { QUEUES, type QueueSettings, type RetryPolicy } from './job-names';

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

/** Runs one job; throwing fails the attempt and pg-boss retries it under the queue's policy. */
export type JobHandler<T = unknown> = (data: T, job: JobContext) => Promise<void>;

export type Queue = {
  /** The pg-boss instance, for what this wrapper does not cover (inspection, tests). */
  boss: PgBoss;
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
  /** Idle poll interval of workers, in seconds (≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** Connections of pg-boss's own pool on PostgreSQL, apart from the portal's. */
  maxConnections?: number;
};

/**
 * Starts pg-boss on the portal's database. On PostgreSQL it opens its own small pool, so job
 * polling never takes a connection a shopper's request is waiting for. On PGlite it shares the
 * one embedded connection through pg-boss's PGlite adapter, which sends parameterless
 * (possibly multi-statement) text to `exec` and the rest to `query`.
 */
export async function createQueue(handle: DatabaseHandle, options: QueueOptions = {}): Promise<Queue> {
  const queues = options.queues ?? QUEUES;
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const boss =
    client instanceof PGlite
      ? new PgBoss({ db: fromPglite(client), backend: 'pglite' })
      : client instanceof pg.Pool
        ? new PgBoss({ connectionString: client.options.connectionString, max: options.maxConnections ?? 3 })
        : null;
  if (!boss) throw new Error('createQueue needs a database from createDatabase (PGlite or PostgreSQL)');
  // Without a listener an `error` event would throw; pg-boss recovers from these by itself.
  boss.on('error', (error) => log.error('jobs.error', { message: error.message }));
  await boss.start();
  for (const [name, settings] of Object.entries(queues)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, settings);
    // pg-boss 12.35 cannot change a queue's policy or retryDelayMax once created.
    else await boss.updateQueue(name, { retryLimit: settings.retryLimit, retryDelay: settings.retryDelay, retryBackoff: settings.retryBackoff });
    // Fills pg-boss's queue cache now. A send inside a transaction looks the queue up there; on a
    // miss it would query through the main connection, which on PGlite is the very connection
    // the transaction holds, and wait for itself forever.
    await boss.previewRedrive(name);
  }

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  return {
    boss,
    async send(name, data, { transaction, ...jobOptions } = {}) {
      // Also keeps unknown names from reaching the cache miss described above.
      if (!(name in queues)) throw new Error(`no queue named ${name}: add it to the queue options`);
      const db = transaction ? fromDrizzle(transaction, sql) : undefined;
      return boss.send(name, data, { ...jobOptions, ...(db ? { db } : {}) });
    },
    work(name, handler) {
      return boss.work(name, { pollingIntervalSeconds }, async (jobs: Job<never>[]) => {
        for (const job of jobs) await handler(job.data, toContext(job));
      });
    },
    stop: () => boss.stop({ graceful: true, timeout: 20_000 }),
  };
}

function toContext(job: Job<unknown>): JobContext {
  return { id: job.id, name: job.name, retryCount: job.retryCount, signal: job.signal };
}
