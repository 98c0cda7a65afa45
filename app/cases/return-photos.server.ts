import { preparePhotos, storePhotos, type PreparedPhoto } from '~/photos/accept-photos.server';
import type { PendingPhotos } from '~/photos/photo-store';

export const MAX_PHOTOS_PER_LINE = 5;

/**
 * What one shopper session may have pending (uploaded, case not opened yet): enough for a return
 * of several items, few enough that a script posting photos in a loop fills no disk.
 */
export const SESSION_PHOTO_QUOTA = { count: 20, bytes: 60 * 1024 * 1024 };

const PHOTO_ERRORS: Record<string, string> = {
  notAnImage: 'returns:errors.photoNotAnImage',
  tooLarge: 'returns:errors.photoTooLarge',
  tooManyPixels: 'returns:errors.photoTooManyPixels',
  unsupportedType: 'returns:errors.photoUnsupported',
  corrupt: 'returns:errors.photoCorrupt',
  tooManyFiles: 'returns:errors.tooManyPhotos',
};

/** A file input left empty still submits a nameless, empty part: that is no photo at all. */
export const chosenFiles = (files: readonly File[]) => files.filter((file) => !(file.size === 0 && file.name === ''));

/**
 * Every chosen file inspected and stripped, in memory (per form line index), with the refusals
 * as field errors. Nothing is stored: that waits until the rest of the form is valid.
 */
export async function inspectChosen(chosen: readonly File[][]): Promise<{ prepared: Record<number, PreparedPhoto[]>; fieldErrors: Record<string, string[]> }> {
  const prepared: Record<number, PreparedPhoto[]> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [index, files] of chosen.entries()) {
    if (files.length === 0) continue;
    const result = await preparePhotos(files, MAX_PHOTOS_PER_LINE);
    if (result.ok) prepared[index] = result.photos;
    else fieldErrors[`lines[${index}].photos`] = [...new Set(result.errors.map((error) => PHOTO_ERRORS[error.reason] ?? 'returns:errors.photoCorrupt'))];
  }
  return { prepared, fieldErrors };
}

export type AddedPhotos = { ok: true; keys: Record<number, string[]> } | { ok: false; formErrors: string[] };

/**
 * Stores the inspected photos of a form whose every answer is valid, as pending for this
 * session, within its quota; all or nothing. Keys are per form line index.
 */
export async function addPendingPhotos(pending: PendingPhotos, prepared: Record<number, PreparedPhoto[]>): Promise<AddedPhotos> {
  const incoming = Object.values(prepared).flat();
  if (incoming.length === 0) return { ok: true, keys: {} };
  const usage = await pending.usage();
  const bytes = incoming.reduce((sum, photo) => sum + photo.bytes.length, 0);
  if (usage.count + incoming.length > SESSION_PHOTO_QUOTA.count || usage.bytes + bytes > SESSION_PHOTO_QUOTA.bytes) {
    return { ok: false, formErrors: ['returns:errors.photoQuota'] };
  }
  const stored = await storePhotos(pending, incoming);
  const keys: Record<number, string[]> = {};
  let next = 0;
  for (const [index, photos] of Object.entries(prepared)) keys[Number(index)] = stored.slice(next, (next += photos.length)).map((photo) => photo.key);
  return { ok: true, keys };
}
