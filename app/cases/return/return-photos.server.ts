import { preparePhotos, storePhotos, type PreparedPhoto } from '~/photos/accept-photos.server';
import type { PendingPhotos } from '~/photos/photo-store';

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
 * One item's newly chosen files: each inspected and stripped in memory, the good ones stored as
 * pending for this session (within its quota), each refusal named as an i18n key. A refused file
 * costs the shopper only that file: the others, and every other answer, are kept.
 * `room` is how many more photos the item can take.
 */
export async function acceptLinePhotos(pending: PendingPhotos, files: readonly File[], room: number): Promise<{ keys: string[]; errors: string[] }> {
  const chosen = chosenFiles(files);
  const errors = new Set<string>();
  if (chosen.length > room) errors.add('returns:errors.tooManyPhotos');
  const prepared: PreparedPhoto[] = [];
  for (const file of chosen.slice(0, room)) {
    const result = await preparePhotos([file], 1);
    if (result.ok) prepared.push(...result.photos);
    else for (const error of result.errors) errors.add(PHOTO_ERRORS[error.reason] ?? 'returns:errors.photoCorrupt');
  }
  if (prepared.length === 0) return { keys: [], errors: [...errors] };
  const usage = await pending.usage();
  const bytes = prepared.reduce((sum, photo) => sum + photo.bytes.length, 0);
  if (usage.count + prepared.length > SESSION_PHOTO_QUOTA.count || usage.bytes + bytes > SESSION_PHOTO_QUOTA.bytes) {
    return { keys: [], errors: [...errors, 'returns:errors.photoQuota'] };
  }
  const stored = await storePhotos(pending, prepared);
  return { keys: stored.map((photo) => photo.key), errors: [...errors] };
}
