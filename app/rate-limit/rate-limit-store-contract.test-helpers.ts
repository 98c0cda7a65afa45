import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { RateLimitStore } from './ports';

const WINDOW_MS = 15 * 60 * 1000;
const windowAt = (iso: string) => new Date(iso);

/**
 * Behaviour every RateLimitStore must share. Keys are random so the suite can run against a
 * database that other runs also use.
 */
export function runRateLimitStoreContract(getStore: () => RateLimitStore): void {
  const newKey = () => `test:${randomUUID()}`;

  it('counts hits per key and per window, starting at 1', async () => {
    const store = getStore();
    const [key, other] = [newKey(), newKey()];
    const current = windowAt('2030-01-01T10:00:00Z');
    const next = windowAt('2030-01-01T10:15:00Z');
    expect(await store.peek(key, current)).toBe(0);
    expect(await store.hit(key, current, WINDOW_MS)).toBe(1);
    expect(await store.hit(key, current, WINDOW_MS)).toBe(2);
    expect(await store.hit(key, next, WINDOW_MS)).toBe(1);
    expect(await store.hit(other, current, WINDOW_MS)).toBe(1);
    expect(await store.peek(key, current)).toBe(2);
  });

  it('never loses a count when hits arrive together', async () => {
    const store = getStore();
    const key = newKey();
    const window = windowAt('2030-01-01T10:00:00Z');
    const counts = await Promise.all(
      Array.from({ length: 40 }, () => store.hit(key, window, WINDOW_MS))
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await store.peek(key, window)).toBe(40);
  });

  it('clears every window of one key and nothing else', async () => {
    const store = getStore();
    const [key, other] = [newKey(), newKey()];
    const first = windowAt('2030-01-01T10:00:00Z');
    const second = windowAt('2030-01-01T10:15:00Z');
    await store.hit(key, first, WINDOW_MS);
    await store.hit(key, second, WINDOW_MS);
    await store.hit(other, first, WINDOW_MS);
    await store.clear(key);
    expect(await store.peek(key, first)).toBe(0);
    expect(await store.peek(key, second)).toBe(0);
    expect(await store.peek(other, first)).toBe(1);
  });

  it('deletes windows that started before the cut-off and keeps the rest', async () => {
    const store = getStore();
    const key = newKey();
    const old = windowAt('2001-01-01T10:00:00Z');
    const cutOff = windowAt('2001-01-01T10:15:00Z');
    await store.hit(key, old, WINDOW_MS);
    await store.hit(key, cutOff, WINDOW_MS);
    expect(await store.deleteExpired(cutOff)).toBeGreaterThanOrEqual(1);
    expect(await store.peek(key, old)).toBe(0);
    expect(await store.peek(key, cutOff)).toBe(1);
  });
}
