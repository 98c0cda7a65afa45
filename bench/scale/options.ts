import { z } from 'zod';

/*
 * What `npm run bench:scale` runs, from BENCH_SCALE_* variables. `--short` (or BENCH_SCALE_SHORT=1)
 * swaps the defaults for a run of about a minute, the one CI runs (tests/integration/scale.test.ts);
 * a variable given explicitly wins over both.
 */
const count = (max: number) => z.coerce.number().int().min(1).max(max);

const ScaleEnvSchema = z.object({
  /** PostgreSQL the run creates its throwaway database on. */
  databaseUrl: z.string({ error: 'set BENCH_SCALE_DATABASE_URL or TEST_DATABASE_URL: the scale run needs PostgreSQL' }).min(1, 'set BENCH_SCALE_DATABASE_URL or TEST_DATABASE_URL: the scale run needs PostgreSQL'),
  /** The first of the six ports the run's servers listen on (127.0.0.1 only). */
  port: z.coerce.number().int().min(1024).max(65_000),
  /** Returns sent through the portals for each drain figure (once for one worker, once for two). */
  submissions: count(400),
  /** Returns sent for the kill: a worker is killed with SIGKILL while their jobs run. */
  killSubmissions: count(200),
  /** Shoppers looking their order up at once, and for how long, per lookup figure. */
  lookupConnections: count(64),
  lookupSeconds: z.coerce.number().positive().max(120),
  /** Shopify's cost bucket on the emulator, kept small so that the bucket is what limits lookups. */
  shopifyBucketMax: z.coerce.number().int().min(100),
  shopifyRestoreRate: z.coerce.number().int().min(1),
  /** Calls the Gorgias emulator admits per 20 s per account (Gorgias: 40). */
  gorgiasCapacity: count(100_000),
  /** Loop's limit per minute (Loop: 300). */
  loopPerMinute: count(1_000_000),
  /** Failed lookups that lock an order number (the portals' RATE_LIMIT_ORDER_MAX). */
  orderMax: count(50),
  /**
   * How soon the surviving worker runs a killed worker's jobs again. `production`: on pg-boss's
   * own pace (a 30 s heartbeat, a 30 s supervision pass, a first retry after 30 to 60 s).
   * A killed Gorgias sync may wait up to 30 s more: a worker learns which cases have a sync running
   * from its queue cache, read every 30 s. `quick`: the run shortens the vendor queues' heartbeat
   * to 10 s (pg-boss's least) and their retry to 1 s, supervises every 2 s itself, and starts a
   * new worker once the killed jobs are failed over, which reads that anew. The duplicates a kill
   * could cause are the same.
   */
  recovery: z.enum(['production', 'quick']),
  /** Gorgias's answer time while a worker is killed, so that a sync is caught running (the figures before it: at once). */
  killLatencyMs: z.coerce.number().int().min(0).max(5_000),
  /** Longest wait for the queues to drain, per drain. */
  drainTimeoutSeconds: z.coerce.number().positive().max(3600),
});

export type ScaleOptions = z.infer<typeof ScaleEnvSchema> & { short: boolean };

const FULL = {
  port: 4600, submissions: 100, killSubmissions: 30, lookupConnections: 8, lookupSeconds: 10,
  shopifyBucketMax: 1000, shopifyRestoreRate: 500, gorgiasCapacity: 40, loopPerMinute: 3000, orderMax: 5,
  recovery: 'production', killLatencyMs: 300, drainTimeoutSeconds: 900,
} as const;

const SHORT = {
  ...FULL, submissions: 8, killSubmissions: 8, lookupConnections: 6, lookupSeconds: 2, gorgiasCapacity: 400, recovery: 'quick', drainTimeoutSeconds: 150,
} as const;

const VARIABLES: Record<keyof typeof FULL, string> = {
  port: 'BENCH_SCALE_PORT', submissions: 'BENCH_SCALE_SUBMISSIONS', killSubmissions: 'BENCH_SCALE_KILL_SUBMISSIONS',
  lookupConnections: 'BENCH_SCALE_LOOKUP_CONNECTIONS', lookupSeconds: 'BENCH_SCALE_LOOKUP_SECONDS',
  shopifyBucketMax: 'BENCH_SCALE_SHOPIFY_BUCKET_MAX', shopifyRestoreRate: 'BENCH_SCALE_SHOPIFY_RESTORE_RATE',
  gorgiasCapacity: 'BENCH_SCALE_GORGIAS_CAPACITY', loopPerMinute: 'BENCH_SCALE_LOOP_PER_MINUTE', orderMax: 'BENCH_SCALE_ORDER_MAX',
  recovery: 'BENCH_SCALE_RECOVERY', killLatencyMs: 'BENCH_SCALE_KILL_GORGIAS_LATENCY_MS', drainTimeoutSeconds: 'BENCH_SCALE_DRAIN_TIMEOUT_SECONDS',
};

/** The run's options from the environment; throws naming every bad variable. */
export function readScaleOptions(env: Record<string, string | undefined>, argv: string[] = []): ScaleOptions {
  const short = argv.includes('--short') || env.BENCH_SCALE_SHORT === '1';
  const defaults = short ? SHORT : FULL;
  const given = Object.fromEntries(Object.entries(VARIABLES).map(([key, name]) => [key, env[name] || defaults[key as keyof typeof FULL]]));
  const parsed = ScaleEnvSchema.safeParse({ ...given, databaseUrl: env.BENCH_SCALE_DATABASE_URL || env.TEST_DATABASE_URL });
  if (!parsed.success) throw new Error(`bench:scale: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, short };
}
