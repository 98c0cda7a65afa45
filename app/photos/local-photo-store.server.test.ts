import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalPhotoStore } from './local-photo-store.server';
import { makePng, makeWebp } from './photo-fixtures.test-helpers';
import { isWellFormedPhotoKey } from './photo-key.server';

let sandbox: string;
let dir: string;

beforeEach(async () => {
  sandbox = await mkdtemp(path.join(tmpdir(), 'comptoir-photos-'));
  dir = path.join(sandbox, 'nested', 'photos');
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('createLocalPhotoStore', () => {
  it('creates its folder and gives back what was put, with its type', async () => {
    const store = createLocalPhotoStore(dir);
    const png = makePng();
    const { key } = await store.put(png, 'image/png');
    expect(await store.get(key)).toEqual({ bytes: png, contentType: 'image/png' });
    expect(await readdir(dir)).toEqual([key]); // no temporary file left behind
  });

  it('makes a fresh, well-formed random key for every photo, even for the same bytes', async () => {
    const store = createLocalPhotoStore(dir);
    const webp = makeWebp();
    const keys = [(await store.put(webp, 'image/webp')).key, (await store.put(webp, 'image/webp')).key];
    expect(keys.every(isWellFormedPhotoKey)).toBe(true);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('answers null for an unknown key and forgets a deleted one', async () => {
    const store = createLocalPhotoStore(dir);
    const { key } = await store.put(makePng(), 'image/png');
    expect(await store.get(key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('never resolves a key with path tricks against the filesystem', async () => {
    const outside = path.join(sandbox, 'secret');
    await writeFile(outside, makePng());
    const store = createLocalPhotoStore(dir);
    await store.put(makePng(), 'image/png');
    for (const key of ['../../secret', '../secret', '..%2F..%2Fsecret', '/etc/passwd', `${'A'.repeat(40)}/..`, '.', '', outside]) {
      expect(await store.get(key)).toBeNull();
      await store.delete(key);
    }
    expect(await readdir(sandbox)).toContain('secret');
  });

  it('refuses bytes that are not of the declared type', async () => {
    const store = createLocalPhotoStore(dir);
    await expect(store.put(makePng(), 'image/jpeg')).rejects.toThrow(TypeError);
    await expect(store.put(new TextEncoder().encode('hello'), 'image/png')).rejects.toThrow(TypeError);
  });
});
