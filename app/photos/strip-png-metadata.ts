import { crc32 } from 'node:zlib';
import { PNG_SIGNATURE } from './inspect-photo';
import { concatBytes, readAscii, readUint32, startsWithBytes } from './photo-bytes';

const CRITICAL_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

/*
 * Ancillary chunks that change how the image looks (transparency, colour, gamma, HDR, pixel
 * aspect, animation). Every other ancillary chunk is dropped: tEXt, zTXt, iTXt, eXIf and tIME
 * by name, and unknown or private ones too, since the PNG spec lets any decoder ignore them and
 * they are where vendors hide their own metadata.
 */
const RENDERING_CHUNKS = new Set([
  'tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCV', 'cLLI', 'bKGD', 'hIST', 'pHYs',
  'sPLT', 'acTL', 'fcTL', 'fdAT',
]);

const MAX_CHUNK_LENGTH = 0x7fffffff;

/**
 * Copies the kept chunks unchanged (their CRCs stay valid) and stops at IEND, dropping any
 * trailer. Returns null for a bad signature, a chunk running past the end, a CRC mismatch, a
 * missing IHDR or IEND, or a critical chunk no browser knows (Apple's CgBI, for one).
 */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array | null {
  if (!startsWithBytes(bytes, PNG_SIGNATURE)) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE.length)];
  let pos = PNG_SIGNATURE.length;

  while (pos + 12 <= bytes.length) {
    const length = readUint32(bytes, pos);
    const type = readAscii(bytes, pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (length > MAX_CHUNK_LENGTH || end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return null;
    if (kept.length === 1 && type !== 'IHDR') return null;
    if (crc32(bytes.subarray(pos + 4, end - 4)) !== readUint32(bytes, end - 4)) return null;

    const isCritical = type[0] === type[0]!.toUpperCase();
    if (isCritical && !CRITICAL_CHUNKS.has(type)) return null;
    if (isCritical || RENDERING_CHUNKS.has(type)) kept.push(bytes.subarray(pos, end));
    if (type === 'IEND') return concatBytes(kept);
    pos = end;
  }
  return null;
}
