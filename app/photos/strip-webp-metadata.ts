import { concatBytes, readAscii, readUint32, writeUint32 } from './photo-bytes';

/*
 * Chunks a decoder needs: the extended header, ICC profile, animation, alpha and the bitstreams.
 * EXIF and "XMP " are dropped, and so are unknown chunks, which the WebP spec lets readers skip
 * and which could carry anything.
 */
const KEPT_CHUNKS = new Set(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L']);
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'ANMF']);
// VP8X flag bits that announce EXIF and XMP chunks; a reader may look for them if left set.
const EXIF_AND_XMP_FLAGS = 0x08 | 0x04;
const encoder = new TextEncoder();

/**
 * Rebuilds the RIFF container from the kept chunks, clears the EXIF/XMP flags of VP8X and
 * writes the new RIFF size; bitstreams are copied untouched. Returns null for a bad header, a
 * chunk running past the RIFF size, or a file without image data.
 *
 * Orientation: an EXIF orientation goes with the EXIF chunk. Phone cameras do not write WebP
 * and editors that do store the pixels upright, so we accept the rare sideways photo.
 */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array | null {
  if (readAscii(bytes, 0, 4) !== 'RIFF' || readAscii(bytes, 8, 12) !== 'WEBP') return null;
  const end = 8 + readUint32(bytes, 4, true);
  if (end < 12 || end > bytes.length) return null;
  const kept: Uint8Array[] = [];
  let hasImage = false;
  let pos = 12;

  while (pos < end) {
    if (pos + 8 > end) return null;
    const fourCc = readAscii(bytes, pos, pos + 4);
    const size = readUint32(bytes, pos + 4, true);
    const dataEnd = pos + 8 + size;
    if (dataEnd > end) return null;
    if (pos === 12 && fourCc !== 'VP8X' && !IMAGE_CHUNKS.has(fourCc)) return null;
    let data = bytes.subarray(pos + 8, dataEnd);
    if (fourCc === 'VP8X') {
      if (pos !== 12 || size < 10) return null;
      data = Uint8Array.from(data);
      data[0] = data[0]! & ~EXIF_AND_XMP_FLAGS;
    }
    if (KEPT_CHUNKS.has(fourCc)) kept.push(encodeChunk(fourCc, data));
    hasImage ||= IMAGE_CHUNKS.has(fourCc);
    // Chunks are padded to an even size; a missing final pad byte is tolerated.
    pos = Math.min(dataEnd + (size % 2), end);
  }
  if (!hasImage) return null;
  const body = concatBytes([encoder.encode('WEBP'), ...kept]);
  return concatBytes([encoder.encode('RIFF'), writeUint32(body.length, true), body]);
}

function encodeChunk(fourCc: string, data: Uint8Array): Uint8Array {
  const padding = new Uint8Array(data.length % 2);
  return concatBytes([encoder.encode(fourCc), writeUint32(data.length, true), data, padding]);
}
