import { MAX_PHOTO_BYTES, inspectPhoto, type PhotoContentType, type PhotoRefusal } from './inspect-photo';
import type { PhotoStore } from './photo-store';
import { stripMetadata } from './strip-metadata';

/** A photo kept for a case; `bytes` is its stored size, after stripping. */
export type AcceptedPhoto = {
  key: string;
  contentType: PhotoContentType;
  bytes: number;
  width: number;
  height: number;
};

/** Refusal of one file, by its position in the upload; `tooManyFiles` marks each file past the cap. */
export type PhotoUploadError = { index: number; reason: PhotoRefusal | 'tooManyFiles' };

export type PhotoAcceptance = { ok: true; photos: AcceptedPhoto[] } | { ok: false; errors: PhotoUploadError[] };

/** A photo inspected and stripped, not stored yet. */
export type PreparedPhoto = { bytes: Uint8Array; contentType: PhotoContentType; width: number; height: number };

/**
 * The wizard's one call for uploaded photos: inspect each by content, strip its metadata, then
 * store them all. All or nothing: if any file is refused, every refusal is reported and nothing
 * is stored; if the store fails midway, what was already stored is deleted again.
 * The declared name and MIME type of each File are ignored.
 */
export async function acceptPhotos(
  files: readonly File[],
  { store, maxFiles }: { store: Pick<PhotoStore, 'put' | 'delete'>; maxFiles: number },
): Promise<PhotoAcceptance> {
  const prepared = await preparePhotos(files, maxFiles);
  if (!prepared.ok) return prepared;
  return { ok: true, photos: await storePhotos(store, prepared.photos) };
}

/** The first half of acceptPhotos: every file inspected and stripped in memory, nothing stored. */
export async function preparePhotos(files: readonly File[], maxFiles: number): Promise<{ ok: true; photos: PreparedPhoto[] } | { ok: false; errors: PhotoUploadError[] }> {
  // A file input left empty still submits a nameless, empty part: that is no photo at all.
  const chosen = files.flatMap((file, index) => (file.size === 0 && file.name === '' ? [] : [{ file, index }]));
  if (chosen.length > maxFiles) {
    return { ok: false, errors: chosen.slice(maxFiles).map(({ index }) => ({ index, reason: 'tooManyFiles' })) };
  }
  const prepared: PreparedPhoto[] = [];
  const errors: PhotoUploadError[] = [];
  for (const { file, index } of chosen) {
    const result = await preparePhoto(file);
    if (result.ok) prepared.push(result.photo);
    else errors.push({ index, reason: result.reason });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, photos: prepared };
}

async function preparePhoto(file: File): Promise<{ ok: true; photo: PreparedPhoto } | { ok: false; reason: PhotoRefusal }> {
  // Checked before reading, so an oversized upload is never copied into memory again.
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, reason: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const inspected = inspectPhoto(bytes);
  if (!inspected.ok) return inspected;
  const stripped = stripMetadata(bytes, inspected.contentType);
  if (!stripped.ok) return stripped;
  const { contentType, width, height } = inspected;
  return { ok: true, photo: { bytes: stripped.bytes, contentType, width, height } };
}

/** The second half: stores them all, or none when the store fails midway. */
export async function storePhotos(store: Pick<PhotoStore, 'put' | 'delete'>, photos: readonly PreparedPhoto[]): Promise<AcceptedPhoto[]> {
  const accepted: AcceptedPhoto[] = [];
  try {
    for (const { bytes, contentType, width, height } of photos) {
      const { key } = await store.put(bytes, contentType);
      accepted.push({ key, contentType, bytes: bytes.length, width, height });
    }
  } catch (error) {
    await Promise.allSettled(accepted.map(({ key }) => store.delete(key)));
    throw error;
  }
  return accepted;
}
