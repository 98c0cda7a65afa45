import { imageSize } from 'image-size';
import { readAscii, startsWithBytes } from './photo-bytes';

/** The only formats we store and serve: every browser an agent uses can show them. */
export type PhotoContentType = 'image/jpeg' | 'image/png' | 'image/webp';

/** Why a file was refused; each maps to an i18n key in the wizard. */
export type PhotoRefusal = 'notAnImage' | 'tooLarge' | 'tooManyPixels' | 'unsupportedType' | 'corrupt';

export type PhotoInspection =
  | { ok: true; contentType: PhotoContentType; width: number; height: number }
  | { ok: false; reason: PhotoRefusal };

/** 10 MiB: a full-resolution phone photo fits; a video renamed to .jpg does not. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * 40 megapixels: above any phone camera, and caps what a browser must allocate to show the
 * photo (a small file can declare a huge canvas: a "decompression bomb").
 */
export const MAX_PHOTO_PIXELS = 40_000_000;

// image-size names formats by its own short names; we only accept our three.
const IMAGE_SIZE_TYPES: Record<PhotoContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/*
 * HEIC/HEIF (and AVIF) are recognised so the shopper is told "unsupported type" rather than
 * "not an image", but refused: the only JavaScript decoders (heic-decode, heic-convert) wrap an
 * Emscripten build of libheif, decode the whole image in memory, and are thinly maintained.
 * Stripping metadata from the ISO-BMFF container by hand is not small either. iPhones send JPEG
 * when the upload field accepts only image/jpeg, image/png and image/webp.
 */
const ISO_BMFF_IMAGE_BRANDS = new Set([
  'heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis',
]);

/**
 * Names the format from the first bytes, never from the file name or the declared MIME type.
 * Returns 'unsupported' for images we recognise but do not take, null for anything else.
 */
export function detectPhotoType(bytes: Uint8Array): PhotoContentType | 'unsupported' | null {
  if (startsWithBytes(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWithBytes(bytes, PNG_SIGNATURE)) return 'image/png';
  if (readAscii(bytes, 0, 4) === 'RIFF' && readAscii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (isUnsupportedImage(bytes)) return 'unsupported';
  return null;
}

/**
 * Checks an uploaded file by content: format from magic bytes, size, and pixel count from the
 * header (no decoding). Cheap checks run first, so an oversized upload is never parsed.
 */
export function inspectPhoto(bytes: Uint8Array): PhotoInspection {
  if (bytes.length === 0) return { ok: false, reason: 'notAnImage' };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, reason: 'tooLarge' };
  const type = detectPhotoType(bytes);
  if (type === null) return { ok: false, reason: 'notAnImage' };
  if (type === 'unsupported') return { ok: false, reason: 'unsupportedType' };

  const size = readSize(bytes);
  // The header parser must agree with our sniffing, or one of them is being fooled.
  if (!size || size.type !== IMAGE_SIZE_TYPES[type]) return { ok: false, reason: 'corrupt' };
  const { width, height } = size;
  if (!(width > 0 && height > 0)) return { ok: false, reason: 'corrupt' };
  if (width * height > MAX_PHOTO_PIXELS) return { ok: false, reason: 'tooManyPixels' };
  return { ok: true, contentType: type, width, height };
}

function readSize(bytes: Uint8Array): { width: number; height: number; type?: string } | null {
  try {
    return imageSize(bytes);
  } catch {
    // image-size throws on truncated or inconsistent headers.
    return null;
  }
}

function isUnsupportedImage(bytes: Uint8Array): boolean {
  const head = readAscii(bytes, 0, 6);
  if (head === 'GIF87a' || head === 'GIF89a') return true;
  if (startsWithBytes(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWithBytes(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return true; // TIFF, and camera raw files built on it
  }
  if (head.startsWith('8BPS')) return true; // Photoshop
  if (startsWithBytes(bytes, [0xff, 0x0a])) return true; // JPEG XL codestream
  if (readAscii(bytes, 4, 8) === 'ftyp') {
    // JPEG XL container, HEIF and AVIF are all ISO-BMFF-style boxes.
    return readAscii(bytes, 8, 12) === 'jxl ' || ISO_BMFF_IMAGE_BRANDS.has(readAscii(bytes, 8, 12));
  }
  if (readAscii(bytes, 4, 8) === 'JXL ') return true;
  // BMP: "BM" alone is too weak (plain text can start with it), so check the DIB header size.
  return readAscii(bytes, 0, 2) === 'BM' && [12, 40, 52, 56, 108, 124].includes(bytes[14] ?? -1);
}
