import { decode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { inspectPhoto } from './inspect-photo';
import { SECRET_MARKER, concatBytes, containsText, jpegSegment, makeJpeg } from './photo-fixtures.test-helpers';
import { readExifOrientation, stripJpegMetadata } from './strip-jpeg-metadata';

/** Markers of the segments before the first scan, in order. */
function listSegments(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  for (let pos = 2; bytes[pos] === 0xff && bytes[pos + 1] !== 0xda; ) {
    markers.push(bytes[pos + 1]!);
    pos += 2 + ((bytes[pos + 2]! << 8) | bytes[pos + 3]!);
  }
  return markers;
}

const fromSos = (bytes: Uint8Array) => bytes.subarray(Buffer.from(bytes).indexOf(Uint8Array.of(0xff, 0xda)));

describe('stripJpegMetadata', () => {
  it('removes Exif GPS, XMP, IPTC, comments and the trailer after EOI', () => {
    const original = makeJpeg();
    expect(containsText(original, SECRET_MARKER)).toBe(true);
    const stripped = stripJpegMetadata(original)!;
    expect(containsText(stripped, SECRET_MARKER)).toBe(false);
    expect(containsText(stripped, 'http://ns.adobe.com/xap')).toBe(false);
    expect(containsText(stripped, 'Photoshop')).toBe(false);
    expect(stripped.subarray(-2)).toEqual(Uint8Array.of(0xff, 0xd9));
  });

  it('keeps JFIF, the ICC profile, Adobe, tables and frame, and drops the rest', () => {
    const stripped = stripJpegMetadata(makeJpeg(16, 8, 1))!;
    expect(listSegments(stripped)).toEqual([0xe0, 0xe2, 0xee, 0xdb, 0xc0, 0xc4]);
    expect(containsText(stripped, 'Exif')).toBe(false);
    expect(containsText(stripped, 'ICC_PROFILE')).toBe(true);
  });

  it('keeps only the orientation of the Exif block, so a phone photo still shows upright', () => {
    const stripped = stripJpegMetadata(makeJpeg(16, 8, 6))!;
    expect(listSegments(stripped)).toEqual([0xe0, 0xe1, 0xe2, 0xee, 0xdb, 0xc0, 0xc4]);
    const app1 = stripped.subarray(Buffer.from(stripped).indexOf(Uint8Array.of(0xff, 0xe1)));
    const length = (app1[2]! << 8) | app1[3]!;
    const tiff = app1.subarray(10, 2 + length);
    expect(length).toBe(34);
    expect(readExifOrientation(tiff)).toBe(6);
    expect(containsText(tiff, 'GPS')).toBe(false);
  });

  it('leaves the scan untouched: same bytes, same decoded pixels, same dimensions', () => {
    const original = makeJpeg(24, 16);
    const stripped = stripJpegMetadata(original)!;
    const originalScan = fromSos(original);
    expect(fromSos(stripped)).toEqual(originalScan.subarray(0, originalScan.length - `trailer ${SECRET_MARKER}`.length));
    expect(decode(stripped, { useTArray: true }).data).toEqual(decode(original, { useTArray: true }).data);
    expect(inspectPhoto(stripped)).toEqual({ ok: true, contentType: 'image/jpeg', width: 24, height: 16 });
  });

  it('treats stuffed bytes and restart markers as part of the scan', () => {
    const sof = jpegSegment(0xc0, Uint8Array.of(8, 0, 1, 0, 1, 1, 1, 0x11, 0));
    const sos = jpegSegment(0xda, Uint8Array.of(1, 1, 0, 0, 63, 0));
    const scan = Uint8Array.of(0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd1, 0x78);
    const jpeg = concatBytes(Uint8Array.of(0xff, 0xd8), sof, sos, scan, Uint8Array.of(0xff, 0xff, 0xd9));
    expect(stripJpegMetadata(jpeg)).toEqual(concatBytes(Uint8Array.of(0xff, 0xd8), sof, sos, scan, Uint8Array.of(0xff, 0xd9)));
  });

  it('refuses what is not a whole JPEG rather than pass its metadata through', () => {
    const jpeg = makeJpeg();
    const eoi = jpeg.length - `trailer ${SECRET_MARKER}`.length - 2;
    expect(stripJpegMetadata(jpeg.subarray(0, eoi))).toBeNull(); // scan never ends
    expect(stripJpegMetadata(jpeg.subarray(0, 30))).toBeNull(); // segment runs past the end
    expect(stripJpegMetadata(jpeg.subarray(2))).toBeNull(); // no SOI
    const scanFirst = concatBytes(Uint8Array.of(0xff, 0xd8), jpegSegment(0xda, Uint8Array.of(0)), Uint8Array.of(0xff, 0xd9));
    expect(stripJpegMetadata(scanFirst)).toBeNull();
    expect(stripJpegMetadata(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toBeNull(); // no frame
  });
});

describe('readExifOrientation', () => {
  it('reads little-endian TIFF too, and falls back to 1 on nonsense', () => {
    const little = Uint8Array.of(0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0);
    expect(readExifOrientation(little)).toBe(8);
    expect(readExifOrientation(Uint8Array.of(0x4d, 0x4d, 0, 42, 0xff, 0xff, 0xff, 0xff))).toBe(1);
    expect(readExifOrientation(new Uint8Array(4))).toBe(1);
  });
});
