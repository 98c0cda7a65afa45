import { acceptPhotos } from '~/photos/accept-photos.server';
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

export type AddedPhotos =
  | { ok: true; keys: Record<number, string[]> }
  | { ok: false; formErrors: string[]; fieldErrors: Record<string, string[]> };

/**
 * Stores the photos of a form whose every other answer is valid, as pending for this session:
 * within its quota, each inspected and stripped, all or nothing (a refused file leaves no other
 * file of the post behind). Keys are per form line index.
 */
export async function addPendingPhotos(pending: PendingPhotos, chosen: readonly File[][]): Promise<AddedPhotos> {
  const incoming = chosen.flat();
  if (incoming.length === 0) return { ok: true, keys: {} };
  const usage = await pending.usage();
  const bytes = incoming.reduce((sum, file) => sum + file.size, 0);
  if (usage.count + incoming.length > SESSION_PHOTO_QUOTA.count || usage.bytes + bytes > SESSION_PHOTO_QUOTA.bytes) {
    return { ok: false, formErrors: ['returns:errors.photoQuota'], fieldErrors: {} };
  }
  const keys: Record<number, string[]> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [index, files] of chosen.entries()) {
    if (files.length === 0) continue;
    const accepted = await acceptPhotos(files, { store: pending, maxFiles: MAX_PHOTOS_PER_LINE });
    if (accepted.ok) keys[index] = accepted.photos.map((photo) => photo.key);
    else fieldErrors[`lines[${index}].photos`] = [...new Set(accepted.errors.map((error) => PHOTO_ERRORS[error.reason] ?? 'returns:errors.photoCorrupt'))];
  }
  if (Object.keys(fieldErrors).length === 0) return { ok: true, keys };
  await Promise.allSettled(Object.values(keys).flat().map((key) => pending.delete(key)));
  return { ok: false, formErrors: [], fieldErrors };
}
