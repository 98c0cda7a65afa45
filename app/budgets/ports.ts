import type { BucketShape, BucketState, Observation, Reservation } from './leaky-bucket';

export type { BucketShape, BucketState, Observation } from './leaky-bucket';

/** Taken or not, with the wait; and the bucket as the ledger now holds it, when it was written. */
export type TakeResult = Reservation;

/**
 * Where the upstream buckets live: in this process (one box, tests) or in the database, where
 * every portal and worker of a store draws on the same one. Times are passed in, never read
 * from the database clock, so tests can move time.
 */
export type BudgetLedger = {
  /** Reserves `amount` in bucket `key`, sent once it has `room` (default `amount`) free (see leaky-bucket.ts `reserve`). */
  take(key: string, shape: BucketShape, amount: number, nowMs: number, maxWaitMs: number, room?: number): Promise<TakeResult>;
  /** Applies the upstream's report after a request (see leaky-bucket.ts `observe`); the bucket as it is now. */
  observe(key: string, shape: BucketShape, observation: Observation, nowMs: number): Promise<BucketState>;
};
