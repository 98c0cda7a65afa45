import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { detectPhotoType } from './inspect-photo';
import { createPhotoKey, isWellFormedPhotoKey } from './photo-key.server';
import type { PhotoStore } from './photo-store';

/**
 * Photos as files named by their key in one folder, created on first write (owner-only).
 * The content type is not kept beside the file: stored bytes were inspected on the way in, so
 * their magic bytes name the type again on the way out.
 */
export function createLocalPhotoStore(dir: string): PhotoStore {
  const root = path.resolve(dir);
  // Keys are checked against a strict pattern before they come near a path: no "..", no "/".
  const pathOf = (key: string) => path.join(root, key);

  return {
    async put(bytes, contentType) {
      if (detectPhotoType(bytes) !== contentType) {
        throw new TypeError(`photo bytes are not ${contentType}; inspect and strip them before storing`);
      }
      await mkdir(root, { recursive: true, mode: 0o700 });
      const key = createPhotoKey();
      // Write then rename, so a reader never sees half a photo and a crash leaves no key behind.
      // Temporary names start with a dot, which no key can, so they are never served.
      const temporary = path.join(root, `.${createPhotoKey()}.tmp`);
      try {
        await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
        await rename(temporary, pathOf(key));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { key };
    },

    async get(key) {
      if (!isWellFormedPhotoKey(key)) return null;
      const bytes = await readIfPresent(pathOf(key));
      if (!bytes) return null;
      const contentType = detectPhotoType(bytes);
      // Anything else in the folder was not written by put: do not serve it.
      if (contentType === null || contentType === 'unsupported') return null;
      return { bytes, contentType };
    },

    async delete(key) {
      if (!isWellFormedPhotoKey(key)) return;
      await rm(pathOf(key), { force: true });
    },
  };
}

async function readIfPresent(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
