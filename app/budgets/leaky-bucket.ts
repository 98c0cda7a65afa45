/**
 * An upstream's allowance as a leaky bucket that takes reservations: Shopify's cost points and
 * Gorgias' calls both fill a bucket of `capacity` that drains `ratePerSecond`. A caller adds what
 * it is about to spend before sending; when that overfills the bucket, the overflow says how long
 * to wait, and the reservation already holds its place in line, so callers in any number of
 * processes go one after the other and together never ask for more than the allowance.
 *
 * The upstream's own report after each request corrects the ledger: a higher level than ours
 * (spent elsewhere, or dearer than reserved) is adopted, and what was reserved but not charged is
 * given back. Pure: the database ledger (app/db/budget-ledger.server.ts) does the same arithmetic
 * in SQL, and the contract test holds both to it.
 */
export type BucketState = {
  /** Units in the bucket at `atMs`; above `capacity` when reservations wait their turn. */
  level: number;
  capacity: number;
  ratePerSecond: number;
  atMs: number;
};

/** The bucket assumed before the upstream has described it. */
export type BucketShape = { capacity: number; ratePerSecond: number };

export type Reservation =
  | { taken: true; waitMs: number; state: BucketState }
  | { taken: false; waitMs: number };

export type Observation = {
  /** Added to the level: what was charged minus what was reserved (negative gives back). */
  adjust?: number;
  /** The level the upstream reported; the ledger never goes below it. */
  level?: number;
  capacity?: number;
  ratePerSecond?: number;
};

/** The level at `nowMs`: drained since `atMs`, never below empty. A clock behind `atMs` drains nothing. */
export function drained(state: BucketState, nowMs: number): number {
  const seconds = Math.max(0, nowMs - state.atMs) / 1000;
  return Math.max(0, state.level - seconds * state.ratePerSecond);
}

/** How long until a level has drained down to capacity. */
export const overflowMs = (level: number, state: Pick<BucketState, 'capacity' | 'ratePerSecond'>) =>
  Math.max(0, ((level - state.capacity) / state.ratePerSecond) * 1000);

/**
 * Reserves `amount`, to be sent once the bucket has `room` (at least `amount`) free: Shopify
 * admits a query only while the bucket holds its whole requested cost, though it keeps only the
 * actual cost, refunding the rest within moments. Taken (with the wait before sending) unless the
 * wait would pass `maxWaitMs`; then nothing is reserved and `waitMs` is the wait it would have had.
 */
export function reserve(
  state: BucketState | null, shape: BucketShape, amount: number, nowMs: number, maxWaitMs: number, room = amount,
): Reservation {
  const current = state ?? { level: 0, ...shape, atMs: nowMs };
  const before = drained(current, nowMs);
  const waitMs = overflowMs(before + Math.max(room, amount), current);
  if (state && waitMs > maxWaitMs) return { taken: false, waitMs };
  return { taken: true, waitMs, state: { ...current, level: before + amount, atMs: Math.max(current.atMs, nowMs) } };
}

/** Applies what the upstream said after a request. */
export function observe(state: BucketState | null, shape: BucketShape, observation: Observation, nowMs: number): BucketState {
  const current = state ?? { level: 0, ...shape, atMs: nowMs };
  const level = Math.max(0, drained(current, nowMs) + (observation.adjust ?? 0), observation.level ?? 0);
  return {
    level,
    capacity: observation.capacity ?? current.capacity,
    ratePerSecond: observation.ratePerSecond ?? current.ratePerSecond,
    atMs: Math.max(current.atMs, nowMs),
  };
}
