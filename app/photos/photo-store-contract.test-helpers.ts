import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { makePng, makeWebp } from './photo-fixtures.test-helpers';
import { createPhotoKey, isWellFormedPhotoKey } from './photo-key.server';
import type { PhotoStore } from './photo-store';

const ALICE = 'owner-alice-0001';
const BOB = 'owner-bob-000002';
const MALFORMED_KEYS = ['../../secret', '../secret', '..%2F..%2Fsecret', '/etc/passwd', `${'A'.repeat(40)}/..`, '.', '', 'pending', `${'A'.repeat(43)}'--`];

/**
 * Behaviour every PhotoStore must share (the folder store and the database store alike).
 * `newStore` gives a store with no photos in it yet, for each test.
 */
export function runPhotoStoreContract(newStore: () => Promise<PhotoStore>): void {
  it('gives back what was put, with its type', async () => {
    const store = await newStore();
    const png = makePng();
    const { key } = await store.put(png, 'image/png');
    expect(await store.get(key)).toEqual({ bytes: png, contentType: 'image/png' });
  });

  it('makes a fresh, well-formed random key for every photo, even for the same bytes', async () => {
    const store = await newStore();
    const webp = makeWebp();
    const keys = [(await store.put(webp, 'image/webp')).key, (await store.put(webp, 'image/webp')).key];
    expect(keys.every(isWellFormedPhotoKey)).toBe(true);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('answers null for an unknown key and forgets a deleted one; deleting twice is fine', async () => {
    const store = await newStore();
    const { key } = await store.put(makePng(), 'image/png');
    expect(await store.get(createPhotoKey())).toBeNull();
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('answers malformed keys as unknown, and deleting one removes nothing', async () => {
    const store = await newStore();
    const { key } = await store.put(makePng(), 'image/png');
    for (const bad of MALFORMED_KEYS) {
      expect(await store.get(bad)).toBeNull();
      await store.delete(bad);
      expect(await store.pending(ALICE).get(bad)).toBeNull();
      await store.pending(ALICE).delete(bad);
    }
    expect(await store.get(key)).not.toBeNull();
  });

  it('refuses bytes that are not of the declared type', async () => {
    const store = await newStore();
    await expect(store.put(makePng(), 'image/jpeg')).rejects.toThrow(TypeError);
    await expect(store.put(new TextEncoder().encode('hello'), 'image/png')).rejects.toThrow(TypeError);
    await expect(store.pending(ALICE).put(makePng(), 'image/webp')).rejects.toThrow(TypeError);
  });

  it('refuses an owner that is not an opaque id', async () => {
    const store = await newStore();
    for (const bad of ['', 'short', '../owner-alice', 'owner/alice-0001', 'x'.repeat(65)]) expect(() => store.pending(bad)).toThrow(TypeError);
  });

  it('serves a pending photo only to its owner, never as a kept one', async () => {
    const store = await newStore();
    const png = makePng();
    const { key } = await store.pending(ALICE).put(png, 'image/png');
    expect(isWellFormedPhotoKey(key)).toBe(true);
    expect(await store.pending(ALICE).get(key)).toEqual({ bytes: png, contentType: 'image/png' });
    expect(await store.pending(BOB).get(key)).toBeNull();
    expect(await store.get(key)).toBeNull();
    // Neither another owner nor the kept side can delete it.
    await store.pending(BOB).delete(key);
    await store.delete(key);
    expect(await store.pending(ALICE).get(key)).not.toBeNull();
    await store.pending(ALICE).delete(key);
    expect(await store.pending(ALICE).get(key)).toBeNull();
    await expect(store.pending(ALICE).delete(key)).resolves.toBeUndefined();
  });

  it("counts one owner's pending photos and their bytes, not another's nor kept ones", async () => {
    const store = await newStore();
    expect(await store.pending(ALICE).usage()).toEqual({ count: 0, bytes: 0 });
    const png = makePng();
    const webp = makeWebp();
    const first = await store.pending(ALICE).put(png, 'image/png');
    await store.pending(ALICE).put(webp, 'image/webp');
    await store.pending(BOB).put(png, 'image/png');
    await store.put(png, 'image/png');
    expect(await store.pending(ALICE).usage()).toEqual({ count: 2, bytes: png.length + webp.length });
    await store.pending(ALICE).keep([first.key]);
    expect(await store.pending(ALICE).usage()).toEqual({ count: 1, bytes: webp.length });
    expect(await store.pending(BOB).usage()).toEqual({ count: 1, bytes: png.length });
  });

  it("keeps the owner's keys, again on a retry, and never another owner's", async () => {
    const store = await newStore();
    const png = makePng();
    const mine = [(await store.pending(ALICE).put(png, 'image/png')).key, (await store.pending(ALICE).put(makeWebp(), 'image/webp')).key];
    const bobs = (await store.pending(BOB).put(png, 'image/png')).key;
    const asked = [mine[0]!, bobs, createPhotoKey(), '../etc', mine[1]!];
    expect(await store.pending(ALICE).keep(asked)).toEqual(mine);
    expect(await store.pending(ALICE).keep(asked)).toEqual(mine);
    expect(await store.pending(ALICE).keep([])).toEqual([]);
    expect(await store.get(mine[0]!)).toEqual({ bytes: png, contentType: 'image/png' });
    expect(await store.pending(ALICE).get(mine[0]!)).toBeNull();
    // Bob's photo is still his, pending, and not served.
    expect(await store.get(bobs)).toBeNull();
    expect(await store.pending(BOB).get(bobs)).not.toBeNull();
  });

  it('sweeps only pending photos stored before the moment, and says how many went', async () => {
    const store = await newStore();
    const old = [(await store.pending(ALICE).put(makePng(), 'image/png')).key, (await store.pending(BOB).put(makePng(), 'image/png')).key];
    const keptOld = (await store.pending(ALICE).put(makePng(), 'image/png')).key;
    await store.pending(ALICE).keep([keptOld]);
    const plain = (await store.put(makePng(), 'image/png')).key;
    await sleep(30);
    const before = new Date();
    await sleep(30);
    const fresh = (await store.pending(ALICE).put(makePng(), 'image/png')).key;

    expect(await store.sweep(before)).toBe(2);
    expect(await store.pending(ALICE).get(old[0]!)).toBeNull();
    expect(await store.pending(BOB).get(old[1]!)).toBeNull();
    expect(await store.pending(ALICE).get(fresh)).not.toBeNull();
    expect(await store.get(keptOld)).not.toBeNull();
    expect(await store.get(plain)).not.toBeNull();
    expect(await store.pending(ALICE).usage()).toEqual({ count: 1, bytes: makePng().length });
    expect(await store.sweep(before)).toBe(0);
  });
}
