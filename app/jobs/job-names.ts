/** Carries out a case the shopper just submitted in Shopify, by its kind (`KINDS[kind].execute`). */
export const SHOPIFY_EXECUTE_CASE = 'shopify.execute-case';

/**
 * The queue returns went to before every kind shared `shopify.execute-case`. Nothing is sent to it
 * any more, but it is still created and worked by the same handler, so a job an older release
 * queued (or parked, then re-driven) in a kept database is still carried out.
 */
export const LEGACY_SHOPIFY_SUBMIT_RETURN = 'shopify.submit-return';

/** Brings a case's Gorgias ticket up to date (creates it, posts one note per new event). */
export const GORGIAS_SYNC_CASE = 'gorgias.sync-case';

/** Applies one recorded Shopify webhook delivery (drops the order cache, moves its case). */
export const SHOPIFY_APPLY_WEBHOOK = 'shopify.apply-webhook';

/** Asks the case's label provider for its return label, once the case is approved. */
export const LABELS_REQUEST_LABEL = 'labels.request-label';

/** Applies one recorded label provider delivery (Loop, AfterShip): moves the return's case along. */
export const LABELS_APPLY_WEBHOOK = 'labels.apply-webhook';

/** Records the tracking number a shopper typed on the case's Shopify return (a reverse delivery). */
export const SHOPIFY_RECORD_RETURN_TRACKING = 'shopify.record-return-tracking';

/** Lets an exchange's new items ship before its return is processed (`returnProcess` on its exchange lines). */
export const SHOPIFY_RELEASE_EXCHANGE = 'shopify.release-exchange';

/** One Gorgias sync at a time per case. */
export const toGorgiasSyncKey = (caseId: string) => `${caseId}:gorgias`;

/** Every queue Comptoir sends to; `createQueue` creates them, a job for another name is refused. */
export const JOB_NAMES = [SHOPIFY_EXECUTE_CASE, LEGACY_SHOPIFY_SUBMIT_RETURN, GORGIAS_SYNC_CASE, SHOPIFY_APPLY_WEBHOOK, LABELS_REQUEST_LABEL, LABELS_APPLY_WEBHOOK, SHOPIFY_RECORD_RETURN_TRACKING, SHOPIFY_RELEASE_EXCHANGE] as const;

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
  /**
   * Longest one attempt may run, in seconds (pg-boss default 900). Past it the worker stops
   * waiting and pg-boss retries the job, even if the first attempt is still running somewhere.
   */
  expireInSeconds?: number;
  /**
   * A running job's worker touches it every half of this (pg-boss, ≥ 10 s). A job nobody touched
   * for this long belonged to a dead process and is retried at the next supervision pass.
   */
  heartbeatSeconds?: number;
  /** Jobs of this queue one process runs at once, when not the process's own setting (queue.server.ts). */
  concurrency?: number;
};

/**
 * Where a job of `name` goes when it gives up for good: pg-boss's dead letter queue for it. Jobs
 * wait there, never worked, until someone re-drives them (`npm run jobs`, `/__sandbox/jobs`).
 */
export const toParkedQueue = (name: string) => `${name}.parked`;

/** Parked jobs are kept 30 days (pg-boss deletes waiting jobs after their queue's retention). */
export const PARKED_RETENTION_SECONDS = 30 * 86_400;

// A vendor outage must delay a delivery, never drop it: retries run for about a day before a
// job is parked and someone has to look at it. pg-boss's backoff draws each delay between
// retryDelay·2ⁿ and twice that (jitter), until the one-hour ceiling: 30 s, 1 min, 2 min… 1 h.
//
// Expiry: an attempt makes a handful of vendor calls, each bounded by the client's timeout (15 s)
// and the rate-limit gate's wait (20 s); 15 minutes is far above any real attempt, so a slow one
// is never retried while it still runs (a second run beside it could file a second ticket). A
// worker that dies mid-job is caught by the heartbeat instead: 30 s without a touch, then the
// next supervision pass (every 30 s, see queue.server.ts) puts the job back for a retry.
const VENDOR_DELIVERY: QueueSettings = {
  policy: 'exclusive',
  retryLimit: 30,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 900,
  heartbeatSeconds: 30,
};

export const QUEUES: Record<JobName, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: VENDOR_DELIVERY,
  [LEGACY_SHOPIFY_SUBMIT_RETURN]: VENDOR_DELIVERY,
  // `stately`, not `exclusive`: a sync is asked for after each new event, and `exclusive` would
  // drop a request that arrives while a sync runs, leaving that event without its note until the
  // next one. `stately` queues exactly one follow-up, and still never runs two syncs of a case
  // at once (two would both create a ticket).
  //
  // One sync at a time per process: Gorgias allows 40 calls per 20 s per account, so the queue
  // drains at that pace however many run, and syncs side by side only meet its 429s (measured:
  // 42 of 185 calls refused 4 at a time, none one at a time, for the same 200 events delivered).
  [GORGIAS_SYNC_CASE]: { ...VENDOR_DELIVERY, policy: 'stately', concurrency: 1 },
  // Only our own database is touched, and each delivery is recorded once: no key, quick retries.
  [SHOPIFY_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
  // `exclusive` per case, with the state check and the provider's idempotency by case id: a case
  // never has two label requests running, so never two labels.
  [LABELS_REQUEST_LABEL]: VENDOR_DELIVERY,
  [LABELS_APPLY_WEBHOOK]: { policy: 'standard', retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
  [SHOPIFY_RECORD_RETURN_TRACKING]: VENDOR_DELIVERY,
  [SHOPIFY_RELEASE_EXCHANGE]: VENDOR_DELIVERY,
};
