import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { RateLimitStore } from './ports';

const MINUTE = 60 * 1000;
const RULE = { max: 5, windowMs: 15 * MINUTE };
const T0 = new Date('2030-01-01T10:03:20.123Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/**
 * Behaviour every RateLimitStore must share. Keys are random so the suite can run against a
 * database that other runs also use.
 */
export function runRateLimitStoreContract(getStore: () => RateLimitStore): void {
  const newKey = () => `test:${randomUUID()}`;

  it('takes max slots per key and refuses the next until the lock set by the last one ends', async () => {
    const store = getStore();
    const [key, other] = [newKey(), newKey()];
    for (let slot = 0; slot < RULE.max; slot += 1) {
      // The last slot says it locked the key, and until when.
      const lockedUntil = slot === RULE.max - 1 ? at(slot * 1000 + RULE.windowMs) : null;
      expect(await store.take(key, RULE, at(slot * 1000))).toEqual({ taken: true, windowStart: T0, lockedUntil });
    }
    expect(await store.take(key, RULE, at(6000))).toEqual({ taken: false, lockedUntil: at(4000 + RULE.windowMs) });
    expect(await store.take(other, RULE, at(6000))).toEqual({ taken: true, windowStart: at(6000), lockedUntil: null });
  });

  it('locks for the whole window from the moment the cap is reached, however late in the window', async () => {
    const store = getStore();
    const key = newKey();
    for (let slot = 1; slot < RULE.max; slot += 1) await store.take(key, RULE, T0);
    const capped = at(14 * MINUTE + 30_000);
    expect(await store.take(key, RULE, capped)).toMatchObject({ taken: true });
    const lockedUntil = new Date(capped.getTime() + RULE.windowMs);
    // Past the end of the window the cap was reached in, and up to the last millisecond of the lock.
    for (const moment of [at(15 * MINUTE), at(20 * MINUTE), new Date(lockedUntil.getTime() - 1)]) {
      expect(await store.take(key, RULE, moment)).toEqual({ taken: false, lockedUntil });
    }
    expect(await store.take(key, RULE, lockedUntil)).toEqual({ taken: true, windowStart: lockedUntil, lockedUntil: null });
  });

  it('starts a fresh window, with every slot back, once the last one is over', async () => {
    const store = getStore();
    const key = newKey();
    for (let slot = 1; slot < RULE.max; slot += 1) await store.take(key, RULE, T0);
    const next = at(RULE.windowMs);
    for (let slot = 1; slot < RULE.max; slot += 1) expect(await store.take(key, RULE, next)).toEqual({ taken: true, windowStart: next, lockedUntil: null });
    expect(await store.take(key, RULE, next)).toMatchObject({ taken: true });
    expect(await store.take(key, RULE, next)).toMatchObject({ taken: false });
  });

  it('lets exactly max of many simultaneous takes through', async () => {
    const store = getStore();
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 40 }, () => store.take(key, RULE, T0)));
    expect(results.filter((result) => result.taken)).toHaveLength(RULE.max);
    expect(results.filter((result) => !result.taken)).toEqual(Array(40 - RULE.max).fill({ taken: false, lockedUntil: at(RULE.windowMs) }));
  });

  it('answers takes and give-backs on several keys at once each for its own key', async () => {
    const store = getStore();
    const [locked, free, other] = [newKey(), newKey(), newKey()];
    for (let i = 0; i < RULE.max; i++) await store.take(locked, RULE, T0);
    const [refused, taken, alsoTaken] = await Promise.all([store.take(locked, RULE, at(1)), store.take(free, RULE, at(1)), store.take(other, { max: 1, windowMs: MINUTE }, at(1))]);
    expect(refused).toEqual({ taken: false, lockedUntil: at(RULE.windowMs) });
    expect(taken).toEqual({ taken: true, windowStart: at(1), lockedUntil: null });
    expect(alsoTaken).toEqual({ taken: true, windowStart: at(1), lockedUntil: at(1 + MINUTE) });
    // `other` is locked by its one slot; giving back both slots at once frees it and leaves `free` with none.
    expect((await store.take(other, { max: 1, windowMs: MINUTE }, at(2))).taken).toBe(false);
    await Promise.all([store.giveBack(free, at(1), RULE), store.giveBack(other, at(1), { max: 1, windowMs: MINUTE })]);
    expect((await store.take(other, { max: 1, windowMs: MINUTE }, at(3))).taken).toBe(true);
    for (let i = 0; i < RULE.max; i++) expect((await store.take(free, RULE, at(4))).taken).toBe(true);
    expect((await store.take(free, RULE, at(5))).taken).toBe(false);
  });

  it('takes a slot back, and the lock with it, only within the window it was taken in', async () => {
    const store = getStore();
    const key = newKey();
    for (let slot = 1; slot < RULE.max; slot += 1) await store.take(key, RULE, T0);
    const last = await store.take(key, RULE, at(1000));
    expect(last).toEqual({ taken: true, windowStart: T0, lockedUntil: at(1000 + RULE.windowMs) });
    await store.giveBack(key, T0, RULE);
    expect(await store.take(key, RULE, at(2000))).toMatchObject({ taken: true });
    expect(await store.take(key, RULE, at(3000))).toEqual({ taken: false, lockedUntil: at(2000 + RULE.windowMs) });

    // A slot of a window that is over gives nothing back in the next one.
    const later = at(2000 + RULE.windowMs);
    for (let slot = 1; slot <= RULE.max; slot += 1) await store.take(key, RULE, later);
    await store.giveBack(key, T0, RULE);
    expect(await store.take(key, RULE, later)).toMatchObject({ taken: false });
  });

  it('takes and gives back the same keys at the same moment, in either order, without failing', async () => {
    // A lookup's give-back runs after its answer, so it can meet the next lookup's take of the
    // same order and client keys: a database must not see that as a deadlock.
    const store = getStore();
    const rule = { max: 1000, windowMs: MINUTE };
    const [first, second] = [newKey(), newKey()].sort();
    for (let round = 0; round < 40; round += 1) {
      const [a, b] = round % 2 === 0 ? [first!, second!] : [second!, first!];
      const held = await Promise.all([store.take(a, rule, T0), store.take(b, rule, T0)]);
      const windowStart = held[0]!.taken ? held[0]!.windowStart : T0;
      const results = await Promise.all([store.giveBack(b, windowStart, rule), store.giveBack(a, windowStart, rule), store.take(a, rule, T0), store.take(b, rule, T0)]);
      expect(results.slice(2)).toMatchObject([{ taken: true }, { taken: true }]);
    }
  });

  it('clears one key and nothing else', async () => {
    const store = getStore();
    const [key, other] = [newKey(), newKey()];
    for (let slot = 1; slot <= RULE.max; slot += 1) {
      await store.take(key, RULE, T0);
      await store.take(other, RULE, T0);
    }
    await store.clear(key);
    expect(await store.take(key, RULE, T0)).toEqual({ taken: true, windowStart: T0, lockedUntil: null });
    expect(await store.take(other, RULE, T0)).toMatchObject({ taken: false });
  });

  it('deletes keys whose window and lock are over, and keeps the rest', async () => {
    const store = getStore();
    const [idle, locked] = [newKey(), newKey()];
    const old = new Date('2001-01-01T10:00:00Z');
    await store.take(idle, RULE, old);
    for (let slot = 1; slot <= RULE.max; slot += 1) await store.take(locked, RULE, new Date(old.getTime() + 10 * MINUTE));
    expect(await store.deleteExpired(new Date(old.getTime() + RULE.windowMs))).toBeGreaterThanOrEqual(1);
    // The idle key starts afresh; the locked one is still locked.
    const soon = new Date(old.getTime() + RULE.windowMs + 1000);
    expect(await store.take(locked, RULE, soon)).toMatchObject({ taken: false });
    expect(await store.take(idle, RULE, soon)).toEqual({ taken: true, windowStart: soon, lockedUntil: null });
  });
}
