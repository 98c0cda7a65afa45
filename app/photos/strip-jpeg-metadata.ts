import { concatBytes, readAscii, readUint16, readUint32, startsWithBytes } from './photo-bytes';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
const isRestartMarker = (m: number) => m >= 0xd0 && m <= 0xd7;
const isAppMarker = (m: number) => m >= APP0 && m <= 0xef;

/**
 * Rewrites a JPEG segment by segment. Kept: JFIF APP0, ICC profile APP2 (colours), Adobe APP14
 * (tells decoders whether to undo the YCbCr/YCCK transform), every non-APP segment, and the
 * entropy-coded scans byte for byte, so pixels are unchanged. Dropped: Exif and XMP (APP1),
 * Photoshop/IPTC (APP13), every other APPn (MPF, maker notes, JFXX thumbnails), comments, and
 * anything after EOI (phones append depth maps and secondary images there, each with its own
 * Exif). Returns null for anything that is not a well-formed JPEG.
 *
 * Orientation: dropping Exif would also drop the rotation phones rely on, and a sideways photo
 * is poor evidence. So the orientation tag alone is rewritten into a fresh, minimal Exif APP1 in
 * the place of the original; nothing else of the original Exif is copied.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | null {
  if (!startsWithBytes(bytes, [0xff, SOI])) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let pos = 2;
  let sawFrame = false;
  let sawExif = false;

  for (;;) {
    if (bytes[pos] !== 0xff) return null;
    while (bytes[pos] === 0xff) pos++; // fill bytes may pad any marker
    const marker = bytes[pos++];
    if (marker === undefined || marker === 0x00 || marker === SOI) return null;
    if (marker === EOI) {
      kept.push(Uint8Array.of(0xff, EOI));
      return sawFrame ? concatBytes(kept) : null;
    }
    if (marker === 0x01 || isRestartMarker(marker)) {
      kept.push(Uint8Array.of(0xff, marker)); // standalone markers carry no length
      continue;
    }
    const length = readUint16(bytes, pos);
    if (pos + 2 > bytes.length || length < 2 || pos + length > bytes.length) return null;
    const segment = bytes.subarray(pos - 2, pos + length);
    const payload = bytes.subarray(pos + 2, pos + length);
    pos += length;

    if (marker === SOS) {
      const scanEnd = findScanEnd(bytes, pos);
      if (!sawFrame || scanEnd < 0) return null;
      kept.push(segment, bytes.subarray(pos, scanEnd));
      pos = scanEnd;
    } else if (isAppMarker(marker) || marker === COM) {
      if (marker === APP1 && !sawExif && readAscii(payload, 0, 6) === 'Exif\0\0') {
        sawExif = true;
        const orientation = readExifOrientation(payload.subarray(6));
        if (orientation > 1) kept.push(buildOrientationSegment(orientation));
      } else if (isKeptAppSegment(marker, payload)) {
        kept.push(segment);
      }
    } else {
      if (isFrameMarker(marker)) sawFrame = true;
      kept.push(segment);
    }
  }
}

function isKeptAppSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === APP0) return readAscii(payload, 0, 5) === 'JFIF\0';
  if (marker === APP2) return readAscii(payload, 0, 12) === 'ICC_PROFILE\0';
  if (marker === APP14) return readAscii(payload, 0, 5) === 'Adobe';
  return false;
}

/**
 * Entropy-coded data ends at the first marker that is neither a stuffed 0xFF00 nor a restart
 * marker. Returns its offset, or -1 when the file ends first (a truncated upload).
 */
function findScanEnd(bytes: Uint8Array, from: number): number {
  let at = bytes.indexOf(0xff, from);
  while (at >= 0 && at + 1 < bytes.length) {
    const next = bytes[at + 1]!;
    if (next !== 0x00 && !isRestartMarker(next)) return at;
    at = bytes.indexOf(0xff, at + 2);
  }
  return -1;
}

/** Orientation (tag 0x0112) from IFD0 of a TIFF block; 1 ("as stored") when absent or odd. */
export function readExifOrientation(tiff: Uint8Array): number {
  const order = readAscii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  const ifd = readUint32(tiff, 4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = readUint16(tiff, ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (readUint16(tiff, entry, little) !== 0x0112) continue;
    const isShort = readUint16(tiff, entry + 2, little) === 3 && readUint32(tiff, entry + 4, little) === 1;
    const value = readUint16(tiff, entry + 8, little);
    return isShort && value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/** APP1: "Exif\0\0", big-endian TIFF header, IFD0 with the single Orientation entry. */
function buildOrientationSegment(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  return Uint8Array.of(0xff, APP1, 0, payload.length + 2, ...payload);
}
