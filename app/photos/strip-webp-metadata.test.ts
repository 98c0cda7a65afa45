import { describe, expect, it } from 'vitest';
import { inspectPhoto } from './inspect-photo';
import {
  ONE_PIXEL_VP8L, SECRET_MARKER, VP8X_FLAGS, containsText, makeExifPayload, makeWebp, riffChunk, riffFile, vp8xChunk,
} from './photo-fixtures.test-helpers';
import { stripWebpMetadata } from './strip-webp-metadata';

/** An independent RIFF walk that fails the test on a size that does not add up. */
function listChunks(webp: Uint8Array): { fourCc: string; data: Uint8Array }[] {
  const view = Buffer.from(webp);
  expect(view.readUInt32LE(4)).toBe(webp.length - 8);
  const chunks = [];
  for (let pos = 12; pos < webp.length; ) {
    const size = view.readUInt32LE(pos + 4);
    chunks.push({ fourCc: view.toString('latin1', pos, pos + 4), data: webp.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + size + (size % 2);
    expect(pos).toBeLessThanOrEqual(webp.length);
  }
  return chunks;
}

describe('stripWebpMetadata', () => {
  it('drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size', () => {
    const original = makeWebp();
    expect(containsText(original, SECRET_MARKER)).toBe(true);
    const stripped = stripWebpMetadata(original)!;
    const chunks = listChunks(stripped);
    expect(chunks.map((chunk) => chunk.fourCc)).toEqual(['VP8X', 'ICCP', 'VP8L']);
    expect(chunks[0]!.data[0]).toBe(VP8X_FLAGS.icc | VP8X_FLAGS.alpha);
    expect(chunks[1]!.data.length).toBe(33); // odd size, padding kept
    expect(chunks[2]!.data).toEqual(ONE_PIXEL_VP8L);
    expect(containsText(stripped, SECRET_MARKER)).toBe(false);
    expect(inspectPhoto(stripped)).toEqual({ ok: true, contentType: 'image/webp', width: 1, height: 1 });
  });

  it('drops unknown chunks and bytes after the RIFF end, and leaves a simple WebP as it was', () => {
    const simple = riffFile([riffChunk('VP8L', ONE_PIXEL_VP8L)]);
    expect(stripWebpMetadata(simple)).toEqual(simple);
    const extended = riffFile([
      vp8xChunk(0, 1, 1), riffChunk('VP8L', ONE_PIXEL_VP8L), riffChunk('mEta', new TextEncoder().encode(SECRET_MARKER)),
    ]);
    const stripped = stripWebpMetadata(Buffer.concat([extended, Buffer.from(SECRET_MARKER)]))!;
    expect(listChunks(stripped).map((chunk) => chunk.fourCc)).toEqual(['VP8X', 'VP8L']);
    expect(containsText(stripped, SECRET_MARKER)).toBe(false);
  });

  it('refuses a RIFF size past the end, a chunk past the RIFF end, or no image at all', () => {
    const webp = makeWebp();
    expect(stripWebpMetadata(webp.subarray(0, webp.length - 1))).toBeNull();
    const overlong = Uint8Array.from(webp);
    overlong.set([0xff, 0xff], 12 + 18 + 4 + 2); // ICCP size made huge
    expect(stripWebpMetadata(overlong)).toBeNull();
    expect(stripWebpMetadata(riffFile([vp8xChunk(0, 1, 1), riffChunk('EXIF', makeExifPayload())]))).toBeNull();
    expect(stripWebpMetadata(riffFile([riffChunk('EXIF', makeExifPayload()), riffChunk('VP8L', ONE_PIXEL_VP8L)]))).toBeNull();
  });
});
