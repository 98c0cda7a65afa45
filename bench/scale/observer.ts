import { PgBoss } from 'pg-boss';
import { QUEUES } from '~/jobs/job-names';
import { countJobs } from '~/jobs/parking.server';

/*
 * The run's view of the queues, through its own pg-boss handle on the shared database: jobs by
 * state (counted in pg-boss's job table, not its cached stats), and, for `quick` recovery, shorter
 * heartbeats and retries on the vendor queues and a supervision pass every 2 s.
 */
export type Observer = {
  /** Jobs waiting, in retry or running, over every queue. */
  pending(): Promise<{ waiting: number; active: number; parked: number }>;
  /** Resolves once nothing is pending for `quietMs` in a row: the time it first was so; throws past `timeoutMs`. */
  waitDrained(timeoutMs: number, quietMs?: number): Promise<number>;
  /** The jobs running now. */
  running(): Promise<{ id: string; name: string }[]>;
  /** Of these jobs, those that ran more than once (a killed worker's, or a retry after an upstream error). */
  rerun(ids: string[]): Promise<number>;
  /** Jobs created since `at` and completed. */
  completedSince(at: Date): Promise<number>;
  /** `quick` recovery: what every process start sets back (its queue settings) set short again. */
  shortenRecovery(): Promise<void>;
  close(): Promise<void>;
};

const QUICK = { heartbeatSeconds: 10, retryDelay: 1, retryBackoff: false, retryDelayMax: null } as const;

export async function startObserver(databaseUrl: string, recovery: 'production' | 'quick'): Promise<Observer> {
  const quick = recovery === 'quick';
  const boss = new PgBoss({
    connectionString: databaseUrl, max: 2, migrate: false, schedule: false, supervise: quick,
    ...(quick ? { superviseIntervalSeconds: 2, monitorIntervalSeconds: 2, maintenanceIntervalSeconds: 3600 } : {}),
  });
  // Without a listener an `error` event would throw; pg-boss recovers from these by itself.
  boss.on('error', () => {});
  await boss.start();
  const jobs = { boss, settings: QUEUES };
  const names = Object.keys(QUEUES);

  const pending = async () => {
    const counts = await countJobs(jobs);
    return {
      waiting: counts.reduce((sum, queue) => sum + queue.counts.created + queue.counts.retry, 0),
      active: counts.reduce((sum, queue) => sum + queue.counts.active, 0),
      parked: counts.reduce((sum, queue) => sum + queue.parked, 0),
    };
  };

  return {
    pending,
    async waitDrained(timeoutMs, quietMs = 2_000) {
      const deadline = performance.now() + timeoutMs;
      let emptySince: number | null = null;
      for (;;) {
        const now = performance.now();
        const { waiting, active } = await pending();
        if (waiting + active > 0) emptySince = null;
        else if (emptySince === null) emptySince = now;
        else if (now - emptySince >= quietMs) return emptySince;
        if (now > deadline) throw new Error(`the queues did not drain within ${Math.round(timeoutMs / 1000)} s (${waiting} waiting, ${active} running)`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async running() {
      const { rows } = await boss.getDb().executeSql("SELECT id, name FROM pgboss.job WHERE state = 'active' AND name = ANY($1::text[])", [names]);
      return rows as { id: string; name: string }[];
    },
    async rerun(ids) {
      const { rows } = await boss.getDb().executeSql('SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1::uuid[]) AND retry_count > 0', [ids]);
      return Number((rows as { n: number }[])[0]?.n ?? 0);
    },
    async completedSince(at) {
      const { rows } = await boss.getDb().executeSql("SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'completed' AND created_on >= $1 AND name = ANY($2::text[])", [at, names]);
      return Number((rows as { n: number }[])[0]?.n ?? 0);
    },
    async shortenRecovery() {
      if (!quick) return;
      for (const [name, settings] of Object.entries(QUEUES)) if (settings.heartbeatSeconds) await boss.updateQueue(name, QUICK);
    },
    close: () => boss.stop({ graceful: false, timeout: 5_000 }),
  };
}
