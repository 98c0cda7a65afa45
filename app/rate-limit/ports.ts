/**
 * Counters per (key, window). Keys arrive hashed and prefixed; the store never sees an
 * order number or an address, and treats keys as opaque.
 */
export interface RateLimitStore {
  /**
   * Atomically adds one to the counter of `key` for the window starting at `windowStart`
   * and returns the new count (1 for the first hit). Concurrent hits never lose a count.
   * `windowMs` lets stores with native expiry (memory, Redis) drop the entry on their own;
   * SQL stores rely on `deleteExpired`.
   */
  hit(key: string, windowStart: Date, windowMs: number): Promise<number>;
  /** Current count of `key` in that window; 0 when there is none. */
  peek(key: string, windowStart: Date): Promise<number>;
  /** Forgets every window of `key`. */
  clear(key: string): Promise<void>;
  /** Removes counters whose window started before `before`; returns how many went. */
  deleteExpired(before: Date): Promise<number>;
}
