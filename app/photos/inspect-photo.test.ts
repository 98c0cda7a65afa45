import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, inspectPhoto } from './inspect-photo';
import {
  PNG_SIGNATURE,
  concatBytes,
  makeJpeg,
  makePng,
  makeWebp,
  pngChunk,
  pngHeader,
  riffChunk,
  riffFile,
  vp8xChunk,
} from './photo-fixtures.test-helpers';

const text = (value: string) => new TextEncoder().encode(value);

/** Only the header counts for the pixel limit, so a header and an empty IDAT will do. */
function pngOfSize(width: number, height: number): Uint8Array {
  return concatBytes(PNG_SIGNATURE, pngHeader(width, height), pngChunk('IDAT'), pngChunk('IEND'));
}

describe('inspectPhoto', () => {
  it('reads type and dimensions of a JPEG, a PNG and a WebP from their content', () => {
    expect(inspectPhoto(makeJpeg(16, 8))).toEqual({
      ok: true, contentType: 'image/jpeg', width: 16, height: 8,
    });
    expect(inspectPhoto(makePng(4, 3))).toEqual({
      ok: true, contentType: 'image/png', width: 4, height: 3,
    });
    expect(inspectPhoto(makeWebp())).toEqual({
      ok: true, contentType: 'image/webp', width: 1, height: 1,
    });
  });

  it('refuses files that are not images, whatever they claim to be', () => {
    expect(inspectPhoto(text('holiday.jpg: definitely a photo'))).toEqual({ ok: false, reason: 'notAnImage' });
    expect(inspectPhoto(text('%PDF-1.7\n'))).toEqual({ ok: false, reason: 'notAnImage' });
    expect(inspectPhoto(new Uint8Array())).toEqual({ ok: false, reason: 'notAnImage' });
  });

  it('refuses images in formats we do not serve, HEIC included', () => {
    const heic = concatBytes(Uint8Array.of(0, 0, 0, 0x18), text('ftypheic'), new Uint8Array(16));
    const gif = concatBytes(text('GIF89a'), Uint8Array.of(1, 0, 1, 0), new Uint8Array(16));
    const tiff = concatBytes(Uint8Array.of(0x49, 0x49, 0x2a, 0), new Uint8Array(16));
    for (const bytes of [heic, gif, tiff]) {
      expect(inspectPhoto(bytes)).toEqual({ ok: false, reason: 'unsupportedType' });
    }
  });

  it('accepts exactly 10 MiB and refuses one byte more, before parsing anything', () => {
    const png = makePng();
    const padded = (size: number) => concatBytes(png, new Uint8Array(size - png.length));
    expect(inspectPhoto(padded(MAX_PHOTO_BYTES)).ok).toBe(true);
    expect(inspectPhoto(padded(MAX_PHOTO_BYTES + 1))).toEqual({ ok: false, reason: 'tooLarge' });
    expect(inspectPhoto(new Uint8Array(MAX_PHOTO_BYTES + 1))).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('accepts 40 megapixels and refuses one pixel more, from the declared dimensions', () => {
    expect(inspectPhoto(pngOfSize(8000, 5000))).toMatchObject({ ok: true, width: 8000, height: 5000 });
    expect(inspectPhoto(pngOfSize(40_000_001, 1))).toEqual({ ok: false, reason: 'tooManyPixels' });
    expect(inspectPhoto(pngOfSize(8000, 5001))).toEqual({ ok: false, reason: 'tooManyPixels' });
  });

  it('refuses a small WebP that declares a huge canvas (decompression bomb)', () => {
    const bomb = riffFile([vp8xChunk(0, 16_384, 16_384), riffChunk('VP8L', Uint8Array.of(0x2f, 0, 0, 0, 0))]);
    expect(bomb.length).toBeLessThan(64);
    expect(inspectPhoto(bomb)).toEqual({ ok: false, reason: 'tooManyPixels' });
  });

  it('calls a file with an image signature but a broken header corrupt', () => {
    expect(inspectPhoto(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toEqual({ ok: false, reason: 'corrupt' });
    expect(inspectPhoto(makeJpeg().subarray(0, 40))).toEqual({ ok: false, reason: 'corrupt' });
    expect(inspectPhoto(pngOfSize(0, 10))).toEqual({ ok: false, reason: 'corrupt' });
    expect(inspectPhoto(concatBytes(text('RIFF'), new Uint8Array(4), text('WEBP')))).toEqual({
      ok: false, reason: 'corrupt',
    });
  });
});
