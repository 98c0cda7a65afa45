import type { PhotoContentType } from './inspect-photo';
import { stripJpegMetadata } from './strip-jpeg-metadata';
import { stripPngMetadata } from './strip-png-metadata';
import { stripWebpMetadata } from './strip-webp-metadata';

export type StrippedPhoto = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'corrupt' };

/**
 * New bytes without metadata (location, device, time, comments, thumbnails), still a valid
 * image of the same pixels: containers are rewritten, image data is never re-encoded, which is
 * what keeps this pure JavaScript and fast. `contentType` comes from `inspectPhoto`, never from
 * the upload. A container that cannot be walked from start to end is refused as corrupt rather
 * than passed through with its metadata.
 */
export function stripMetadata(bytes: Uint8Array, contentType: PhotoContentType): StrippedPhoto {
  const stripped = STRIPPERS[contentType](bytes);
  return stripped ? { ok: true, bytes: stripped } : { ok: false, reason: 'corrupt' };
}

const STRIPPERS: Record<PhotoContentType, (bytes: Uint8Array) => Uint8Array | null> = {
  'image/jpeg': stripJpegMetadata,
  'image/png': stripPngMetadata,
  'image/webp': stripWebpMetadata,
};
