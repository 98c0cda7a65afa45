import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalPhotoStore } from './local-photo-store.server';
import { makePng } from './photo-fixtures.test-helpers';
import { runPhotoStoreContract } from './photo-store-contract.test-helpers';

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
  // The database store runs the same contract (tests/integration/photo-store.test.ts).
  runPhotoStoreContract(async () => createLocalPhotoStore(dir));

  it('creates its folder on first write and leaves no temporary file behind', async () => {
    const store = createLocalPhotoStore(dir);
    const { key } = await store.put(makePng(), 'image/png');
    expect(await readdir(dir)).toEqual([key]);
  });

  it('never resolves a key with path tricks against the filesystem', async () => {
    const outside = path.join(sandbox, 'secret');
    await writeFile(outside, makePng());
    const store = createLocalPhotoStore(dir);
    await store.put(makePng(), 'image/png');
    for (const key of ['../../secret', '../secret', '/etc/passwd', `${'A'.repeat(40)}/..`, outside]) {
      expect(await store.get(key)).toBeNull();
      await store.delete(key);
    }
    expect(await readdir(sandbox)).toContain('secret');
  });
});
