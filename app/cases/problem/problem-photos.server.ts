import { preparePhotos, storePhotos, type PreparedPhoto } from '~/photos/accept-photos.server';
import type { PendingPhotos } from '~/photos/photo-store';
import { chosenFiles, SESSION_PHOTO_QUOTA } from '../return/return-photos.server';

/** A file refused, named as the shopper chose it (null when the form dropped it unread), with why (i18n key). */
export type PhotoProblem = { name: string | null; key: string };

const REFUSALS: Record<string, string> = {
  notAnImage: 'problem:errors.photoNotAnImage',
  tooLarge: 'problem:errors.photoTooLarge',
  tooManyPixels: 'problem:errors.photoTooManyPixels',
  unsupportedType: 'problem:errors.photoUnsupported',
  corrupt: 'problem:errors.photoCorrupt',
};

/** The name the shopper's device gave a file, short enough to print beside its error. */
const shownName = (file: File) => (file.name.length > 80 ? `${file.name.slice(0, 77)}…` : file.name) || null;

/**
 * The report's newly chosen files: each inspected and stripped in memory, the good ones stored as
 * pending for this session (within the quota every form shares), each refused one named. A bad
 * file costs only itself. `room` is how many more photos the report takes.
 */
export async function acceptReportPhotos(pending: PendingPhotos, files: readonly File[], room: number): Promise<{ keys: string[]; problems: PhotoProblem[] }> {
  const problems: PhotoProblem[] = [];
  const prepared: PreparedPhoto[] = [];
  const chosen = chosenFiles(files);
  for (const file of chosen.slice(room)) problems.push({ name: shownName(file), key: 'problem:errors.tooManyPhotos' });
  for (const file of chosen.slice(0, room)) {
    const result = await preparePhotos([file], 1);
    if (result.ok) prepared.push(...result.photos);
    else problems.push({ name: shownName(file), key: REFUSALS[result.errors[0]?.reason ?? ''] ?? 'problem:errors.photoCorrupt' });
  }
  if (prepared.length === 0) return { keys: [], problems };
  const usage = await pending.usage();
  const bytes = prepared.reduce((sum, photo) => sum + photo.bytes.length, 0);
  if (usage.count + prepared.length > SESSION_PHOTO_QUOTA.count || usage.bytes + bytes > SESSION_PHOTO_QUOTA.bytes) {
    return { keys: [], problems: [...problems, { name: null, key: 'problem:errors.photoQuota' }] };
  }
  return { keys: (await storePhotos(pending, prepared)).map((photo) => photo.key), problems };
}
