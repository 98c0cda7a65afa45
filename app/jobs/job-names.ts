/** Creates the return on Shopify (returnRequest) for a case the shopper just submitted. */
export const SHOPIFY_SUBMIT_RETURN = 'shopify.submit-return';

/** Brings a case's Gorgias ticket up to date (creates it, posts one note per new event). */
export const GORGIAS_SYNC_CASE = 'gorgias.sync-case';

/** One Gorgias sync at a time per case. */
export const toGorgiasSyncKey = (caseId: string) => `${caseId}:gorgias`;

/** Every queue Comptoir sends to; `createQueue` creates them, a job for another name is refused. */
export const JOB_NAMES = [SHOPIFY_SUBMIT_RETURN, GORGIAS_SYNC_CASE] as const;

export type JobName = (typeof JOB_NAMES)[number];

export type RetryPolicy = {
  retryLimit: number;
  /** Seconds before the first retry; doubled at each further one when `retryBackoff`. */
  retryDelay: number;
  retryBackoff: boolean;
  /** Ceiling of the backoff, in seconds. */
  retryDelayMax?: number;
};

export type QueueSettings = RetryPolicy & {
  /**
   * `exclusive`: at most one pending or running job per `singletonKey`, so a case never has the
   * same delivery queued twice. Every job on such a queue needs a key: keyless jobs share one.
   * `stately`: per key, at most one job waiting, one in retry and one running, never two running.
   */
  policy: 'standard' | 'exclusive' | 'stately';
};

// A vendor outage must delay a delivery, never drop it: retries run for about a day before a
// job fails for good and someone has to look at it.
const VENDOR_DELIVERY: QueueSettings = {
  policy: 'exclusive',
  retryLimit: 30,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
};

export const QUEUES: Record<JobName, QueueSettings> = {
  [SHOPIFY_SUBMIT_RETURN]: VENDOR_DELIVERY,
  // `stately`, not `exclusive`: a sync is asked for after each new event, and `exclusive` would
  // drop a request that arrives while a sync runs, leaving that event without its note until the
  // next one. `stately` queues exactly one follow-up, and still never runs two syncs of a case
  // at once (two would both create a ticket).
  [GORGIAS_SYNC_CASE]: { ...VENDOR_DELIVERY, policy: 'stately' },
};
