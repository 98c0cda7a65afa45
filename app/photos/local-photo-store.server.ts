import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { detectPhotoType } from './inspect-photo';
import { createPhotoKey, isWellFormedPhotoKey, requirePhotoOwner } from './photo-key.server';
import type { PendingPhotos, PhotoStore, StoredPhoto } from './photo-store';

/**
 * Photos as files named by their key in one folder, created on first write (owner-only).
 * Pending photos wait in `pending/<owner>/` until their case is opened; a rename then keeps them.
 * The content type is not kept beside the file: stored bytes were inspected on the way in, so
 * their magic bytes name the type again on the way out.
 */
export function createLocalPhotoStore(dir: string): PhotoStore {
  const root = path.resolve(dir);
  const pendingRoot = path.join(root, 'pending');
  // Keys are checked against a strict pattern before they come near a path: no "..", no "/".
  const pathOf = (key: string) => path.join(root, key);

  /** Write then rename, so a reader never sees half a photo and a crash leaves no key behind. */
  async function write(folder: string, bytes: Uint8Array, contentType: string): Promise<{ key: string }> {
    if (detectPhotoType(bytes) !== contentType) {
      throw new TypeError(`photo bytes are not ${contentType}; inspect and strip them before storing`);
    }
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const key = createPhotoKey();
    // Temporary names start with a dot, which no key can, so they are never served.
    const temporary = path.join(folder, `.${createPhotoKey()}.tmp`);
    try {
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
      await rename(temporary, path.join(folder, key));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key };
  }

  function pending(owner: string): PendingPhotos {
    const folder = path.join(pendingRoot, requirePhotoOwner(owner));
    return {
      put: (bytes, contentType) => write(folder, bytes, contentType),
      get: (key) => (isWellFormedPhotoKey(key) ? readPhoto(path.join(folder, key)) : Promise.resolve(null)),
      async delete(key) {
        if (isWellFormedPhotoKey(key)) await rm(path.join(folder, key), { force: true });
      },
      async usage() {
        const names = (await readdir(folder).catch(() => [] as string[])).filter(isWellFormedPhotoKey);
        const sizes = await Promise.all(names.map((name) => stat(path.join(folder, name)).then((s) => s.size, () => 0)));
        return { count: names.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
      },
      async keep(keys) {
        const kept: string[] = [];
        for (const key of keys.filter(isWellFormedPhotoKey)) {
          try {
            await rename(path.join(folder, key), pathOf(key));
            kept.push(key);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
            if (await stat(pathOf(key)).then(() => true, () => false)) kept.push(key);
          }
        }
        return kept;
      },
    };
  }

  return {
    put: (bytes, contentType) => write(root, bytes, contentType),

    get: (key) => (isWellFormedPhotoKey(key) ? readPhoto(pathOf(key)) : Promise.resolve(null)),

    async delete(key) {
      if (!isWellFormedPhotoKey(key)) return;
      await rm(pathOf(key), { force: true });
    },

    pending,

    async sweep(before) {
      let removed = 0;
      for (const owner of await readdir(pendingRoot).catch(() => [] as string[])) {
        const folder = path.join(pendingRoot, owner);
        const names = await readdir(folder).catch(() => [] as string[]);
        for (const name of names) {
          const file = path.join(folder, name);
          const modified = await stat(file).then((s) => s.mtimeMs, () => Infinity);
          if (modified < before.getTime()) {
            await rm(file, { force: true });
            removed++;
          }
        }
        // Fails while the folder still holds photos, which is what we want.
        await rmdir(folder).catch(() => undefined);
      }
      return removed;
    },
  };
}

async function readPhoto(file: string): Promise<StoredPhoto | null> {
  const bytes = await readIfPresent(file);
  if (!bytes) return null;
  const contentType = detectPhotoType(bytes);
  // Anything else in the folder was not written by put: do not serve it.
  if (contentType === null || contentType === 'unsupported') return null;
  return { bytes, contentType };
}

async function readIfPresent(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
