import { describe, expect, it } from 'vitest';
import { acceptPhotos } from './accept-photos.server';
import { MAX_PHOTO_BYTES, type PhotoContentType } from './inspect-photo';
import { SECRET_MARKER, concatBytes, containsText, makeJpeg, makePng, makeWebp } from './photo-fixtures.test-helpers';
import type { PhotoStore, StoredPhoto } from './photo-store';

/** An in-memory store; `failOnPut` makes the nth put throw, as a full disk would. */
function createFakeStore(failOnPut?: number) {
  const photos = new Map<string, StoredPhoto>();
  let puts = 0;
  const store: Pick<PhotoStore, 'put' | 'get' | 'delete'> = {
    async put(bytes: Uint8Array, contentType: PhotoContentType) {
      if (++puts === failOnPut) throw new Error('disk full');
      const key = `key-${puts}`;
      photos.set(key, { bytes, contentType });
      return { key };
    },
    async get(key) {
      return photos.get(key) ?? null;
    },
    async delete(key) {
      photos.delete(key);
    },
  };
  return { store, photos };
}

const file = (bytes: Uint8Array, name: string, type = 'image/jpeg') => new File([Uint8Array.from(bytes)], name, { type });
const text = new TextEncoder().encode('not a photo at all');

describe('acceptPhotos', () => {
  it('stores each photo stripped, with the type and size found in its content', async () => {
    const { store, photos } = createFakeStore();
    const files = [file(makeJpeg(16, 8), 'a.jpg'), file(makePng(4, 3), 'b.jpg'), file(makeWebp(), 'c.heic', 'image/heic')];
    const result = await acceptPhotos(files, { store, maxFiles: 5 });
    if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result.errors)}`);
    expect(result.photos.map(({ contentType, width, height }) => [contentType, width, height])).toEqual([
      ['image/jpeg', 16, 8], ['image/png', 4, 3], ['image/webp', 1, 1],
    ]);
    for (const photo of result.photos) {
      const stored = photos.get(photo.key)!;
      expect(stored.contentType).toBe(photo.contentType);
      expect(stored.bytes.length).toBe(photo.bytes);
      expect(containsText(stored.bytes, SECRET_MARKER)).toBe(false);
    }
  });

  it('stores nothing when one file of the batch is refused, and says which and why', async () => {
    const { store, photos } = createFakeStore();
    const truncatedJpeg = makeJpeg().subarray(0, 600);
    const files = [file(makePng(), 'ok.png'), file(text, 'photo.jpg'), file(truncatedJpeg, 'cut.jpg')];
    expect(await acceptPhotos(files, { store, maxFiles: 5 })).toEqual({
      ok: false,
      errors: [{ index: 1, reason: 'notAnImage' }, { index: 2, reason: 'corrupt' }],
    });
    expect(photos.size).toBe(0);
  });

  it('refuses an oversized file by its size, and the files past the cap', async () => {
    const { store, photos } = createFakeStore();
    const huge = file(concatBytes(makePng(), new Uint8Array(MAX_PHOTO_BYTES)), 'huge.png');
    expect(await acceptPhotos([huge], { store, maxFiles: 5 })).toEqual({ ok: false, errors: [{ index: 0, reason: 'tooLarge' }] });
    const three = [file(makePng(), 'a.png'), file(makePng(), 'b.png'), file(makePng(), 'c.png')];
    expect(await acceptPhotos(three, { store, maxFiles: 2 })).toEqual({ ok: false, errors: [{ index: 2, reason: 'tooManyFiles' }] });
    expect(photos.size).toBe(0);
  });

  it('ignores the empty part a file input left blank submits', async () => {
    const { store } = createFakeStore();
    const result = await acceptPhotos([new File([], ''), file(makePng(), 'a.png')], { store, maxFiles: 1 });
    expect(result.ok && result.photos.length).toBe(1);
  });

  it('removes what it stored when the store fails midway, and lets the failure through', async () => {
    const { store, photos } = createFakeStore(2);
    const files = [file(makePng(), 'a.png'), file(makeWebp(), 'b.webp')];
    await expect(acceptPhotos(files, { store, maxFiles: 5 })).rejects.toThrow('disk full');
    expect(photos.size).toBe(0);
  });
});
