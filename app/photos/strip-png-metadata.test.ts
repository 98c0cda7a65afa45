import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectPhoto } from './inspect-photo';
import { PNG_SIGNATURE, SECRET_MARKER, concatBytes, containsText, makePng, pngChunk } from './photo-fixtures.test-helpers';
import { stripPngMetadata } from './strip-png-metadata';

type Chunk = { type: string; data: Uint8Array; crcOk: boolean };

/** An independent chunk walk, so the test does not trust the code under test. */
function listChunks(png: Uint8Array): Chunk[] {
  const view = Buffer.from(png);
  const chunks: Chunk[] = [];
  for (let pos = 8; pos < png.length; ) {
    const length = view.readUInt32BE(pos);
    const typeAndData = png.subarray(pos + 4, pos + 8 + length);
    const crcOk = crc32(typeAndData) === view.readUInt32BE(pos + 8 + length);
    chunks.push({ type: view.toString('latin1', pos + 4, pos + 8), data: typeAndData.subarray(4), crcOk });
    pos += 12 + length;
  }
  return chunks;
}

const idat = (png: Uint8Array) => inflateSync(listChunks(png).find((chunk) => chunk.type === 'IDAT')!.data);
const withoutEnd = (png: Uint8Array) => png.subarray(0, png.length - 12);

describe('stripPngMetadata', () => {
  it('drops text, Exif and time chunks and keeps the rest with valid CRCs', () => {
    const original = makePng();
    expect(containsText(original, SECRET_MARKER)).toBe(true);
    const stripped = stripPngMetadata(original)!;
    const chunks = listChunks(stripped);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'sRGB', 'pHYs', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcOk)).toBe(true);
    expect(containsText(stripped, SECRET_MARKER)).toBe(false);
    expect(containsText(stripped, 'Exif')).toBe(false);
  });

  it('keeps the same pixels and dimensions', () => {
    const original = makePng(5, 4);
    const stripped = stripPngMetadata(original)!;
    expect(idat(stripped)).toEqual(idat(original));
    expect(inspectPhoto(stripped)).toEqual({ ok: true, contentType: 'image/png', width: 5, height: 4 });
  });

  it('drops unknown private chunks and anything after IEND', () => {
    const png = concatBytes(
      withoutEnd(makePng()), pngChunk('prVt', new TextEncoder().encode(SECRET_MARKER)), pngChunk('IEND'),
      new TextEncoder().encode(SECRET_MARKER),
    );
    const stripped = stripPngMetadata(png)!;
    expect(listChunks(stripped).map((chunk) => chunk.type)).toEqual(['IHDR', 'sRGB', 'pHYs', 'IDAT', 'IEND']);
    expect(containsText(stripped, SECRET_MARKER)).toBe(false);
  });

  it('refuses a bad CRC, a truncated file, a missing IHDR or IEND, and unknown critical chunks', () => {
    const png = makePng();
    const badCrc = Uint8Array.from(png);
    badCrc[29] = badCrc[29]! ^ 0xff; // a CRC byte of IHDR
    expect(stripPngMetadata(badCrc)).toBeNull();
    expect(stripPngMetadata(png.subarray(0, png.length - 5))).toBeNull();
    expect(stripPngMetadata(withoutEnd(png))).toBeNull();
    expect(stripPngMetadata(concatBytes(PNG_SIGNATURE, pngChunk('IEND')))).toBeNull();
    expect(stripPngMetadata(concatBytes(PNG_SIGNATURE, pngChunk('CgBI', new Uint8Array(4)), png.subarray(8)))).toBeNull();
    expect(stripPngMetadata(png.subarray(1))).toBeNull();
  });
});
