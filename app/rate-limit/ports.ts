/** At most `max` slots per window of `windowMs`; taking the last one locks the key for `windowMs`. */
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

/** `lockedUntil`: the lock this take set by taking the window's last slot, or null. */
export type SlotTaken = { taken: true; windowStart: Date; lockedUntil: Date | null };
export type SlotRefused = { taken: false; lockedUntil: Date };

/**
 * Slots per key, counted before the guarded action runs so that simultaneous requests cannot all
 * pass one check. Keys arrive hashed and prefixed; the store never sees an order number or an
 * address, and treats keys as opaque.
 *
 * A key's window opens with the first slot taken while it has none (or its last one is over) and
 * lasts `windowMs`. Taking the `max`-th slot of a window locks the key from that moment for a
 * full `windowMs`, whatever was left of the window: a lock lasts what it says.
 */
export interface RateLimitStore {
  /**
   * In one atomic step, across processes: takes a slot of `key`, or refuses while it is locked.
   * Of any number of simultaneous calls on an unlocked key, at most the slots left are taken.
   * @returns the window the slot belongs to (to give it back), or when the lock ends.
   */
  take(key: string, rule: RateLimitRule, now: Date): Promise<SlotTaken | SlotRefused>;
  /**
   * Gives back a slot taken in the window that started at `windowStart`, lifting the lock its
   * taking set, if any. Does nothing once that window has been replaced by a newer one.
   */
  giveBack(key: string, windowStart: Date, rule: RateLimitRule): Promise<void>;
  /** Forgets `key`: its slots and its lock. */
  clear(key: string): Promise<void>;
  /** Removes keys whose window and lock are both over at `now`; returns how many went. */
  deleteExpired(now: Date): Promise<number>;
}
