import { crc32, deflateSync } from 'node:zlib';
import { encode } from 'jpeg-js';
import { concatBytes as joinBytes } from './photo-bytes';

/*
 * Images built in code for the photo tests: real, decodable JPEGs (jpeg-js) and PNGs (zlib),
 * WebP containers around a known 1×1 lossless bitstream, each carrying planted metadata that
 * must not survive stripping. Every planted text contains SECRET_MARKER.
 */

export const SECRET_MARKER = 'GPS-48.8584N-2.2945E';
const encoder = new TextEncoder();

/** Variadic form of the parsers' own helper, as the builders below read better with it. */
export const concatBytes = (...parts: Uint8Array[]): Uint8Array => joinBytes(parts);

export function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(text, 0, 'latin1');
}

const u16be = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32be = (n: number) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const u32le = (n: number) => u32be(n).reverse();

/** A gradient so that a decoder that misreads the scan would produce different pixels. */
export function makePixels(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set([(i * 37) % 256, (i * 11) % 256, (i * 5) % 256, 255], i * 4);
  }
  return data;
}

/**
 * A big-endian Exif APP1 payload ("Exif\0\0" + TIFF) with IFD0 holding Orientation,
 * ImageDescription (the marker) and a GPS IFD with a latitude, as cameras write them.
 */
export function makeExifPayload(orientation = 6): Uint8Array {
  const description = encoder.encode(`${SECRET_MARKER}\0`);
  const ifd0Count = 3;
  const ifd0Size = 2 + ifd0Count * 12 + 4;
  const descriptionOffset = 8 + ifd0Size;
  const gpsOffset = descriptionOffset + description.length;
  const gpsSize = 2 + 2 * 12 + 4;
  const latitudeOffset = gpsOffset + gpsSize;
  const entry = (tag: number, type: number, count: number, value: Uint8Array) =>
    concatBytes(u16be(tag), u16be(type), u32be(count), value);
  const tiff = concatBytes(
    encoder.encode('MM'), u16be(42), u32be(8),
    u16be(ifd0Count),
    entry(0x010e, 2, description.length, u32be(descriptionOffset)),
    entry(0x0112, 3, 1, concatBytes(u16be(orientation), u16be(0))),
    entry(0x8825, 4, 1, u32be(gpsOffset)),
    u32be(0),
    description,
    u16be(2),
    entry(0x0001, 2, 2, Uint8Array.of(0x4e, 0, 0, 0)),
    entry(0x0002, 5, 3, u32be(latitudeOffset)),
    u32be(0),
    u32be(48), u32be(1), u32be(51), u32be(1), u32be(3024), u32be(100),
  );
  return concatBytes(encoder.encode('Exif\0\0'), tiff);
}

export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0xff, marker), u16be(payload.length + 2), payload);
}

/**
 * A real JPEG from jpeg-js with, after its JFIF APP0: Exif, XMP, ICC profile, Photoshop/IPTC,
 * Adobe and a comment segment; and a trailer after EOI, as phones append for depth maps.
 */
export function makeJpeg(width = 16, height = 8, orientation = 6): Uint8Array {
  const plain = encode({ width, height, data: makePixels(width, height) }, 90).data;
  const app0End = 4 + (plain[4]! << 8) + plain[5]!;
  const metadata = concatBytes(
    jpegSegment(0xe1, makeExifPayload(orientation)),
    jpegSegment(0xe1, encoder.encode(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${SECRET_MARKER}</x:xmpmeta>`)),
    jpegSegment(0xe2, concatBytes(encoder.encode('ICC_PROFILE\0'), Uint8Array.of(1, 1), new Uint8Array(64).fill(7))),
    jpegSegment(0xed, encoder.encode(`Photoshop 3.0\0 8BIM ${SECRET_MARKER}`)),
    jpegSegment(0xee, concatBytes(encoder.encode('Adobe'), Uint8Array.of(0, 100, 0, 0, 0, 0, 1))),
    jpegSegment(0xfe, encoder.encode(`taken at ${SECRET_MARKER}`)),
  );
  return concatBytes(
    plain.subarray(0, app0End),
    metadata,
    plain.subarray(app0End),
    encoder.encode(`trailer ${SECRET_MARKER}`),
  );
}

export function pngChunk(type: string, data: Uint8Array = new Uint8Array()): Uint8Array {
  const typeAndData = concatBytes(encoder.encode(type), data);
  return concatBytes(u32be(data.length), typeAndData, u32be(crc32(typeAndData)));
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function pngHeader(width: number, height: number): Uint8Array {
  // 8-bit RGBA, no interlace.
  return pngChunk('IHDR', concatBytes(u32be(width), u32be(height), Uint8Array.of(8, 6, 0, 0, 0)));
}

/** A decodable RGBA PNG carrying every textual and time chunk, plus pHYs and sRGB to keep. */
export function makePng(width = 4, height = 3): Uint8Array {
  const pixels = makePixels(width, height);
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(Uint8Array.of(0), pixels.subarray(y * width * 4, (y + 1) * width * 4));
  }
  return concatBytes(
    PNG_SIGNATURE,
    pngHeader(width, height),
    pngChunk('sRGB', Uint8Array.of(0)),
    pngChunk('eXIf', makeExifPayload().subarray(6)),
    pngChunk('tEXt', encoder.encode(`Comment\0${SECRET_MARKER}`)),
    pngChunk('zTXt', concatBytes(encoder.encode('Location\0\0'), deflateSync(SECRET_MARKER))),
    pngChunk('iTXt', encoder.encode(`XML:com.adobe.xmp\0\0\0\0\0${SECRET_MARKER}`)),
    pngChunk('tIME', Uint8Array.of(0x07, 0xe9, 6, 1, 12, 0, 0)),
    pngChunk('pHYs', concatBytes(u32be(2835), u32be(2835), Uint8Array.of(1))),
    pngChunk('IDAT', deflateSync(concatBytes(...rows))),
    pngChunk('IEND'),
  );
}

export function riffChunk(fourCc: string, data: Uint8Array): Uint8Array {
  const pad = data.length % 2 === 1 ? Uint8Array.of(0) : new Uint8Array();
  return concatBytes(encoder.encode(fourCc), u32le(data.length), data, pad);
}

export function riffFile(chunks: Uint8Array[]): Uint8Array {
  const body = concatBytes(encoder.encode('WEBP'), ...chunks);
  return concatBytes(encoder.encode('RIFF'), u32le(body.length), body);
}

/** A valid lossless bitstream for one transparent pixel (the usual 1×1 WebP). */
export const ONE_PIXEL_VP8L = Uint8Array.of(0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07);

export const VP8X_FLAGS = { icc: 0x20, alpha: 0x10, exif: 0x08, xmp: 0x04 } as const;

export function vp8xChunk(flags: number, width: number, height: number): Uint8Array {
  const u24le = (n: number) => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff);
  return riffChunk('VP8X', concatBytes(Uint8Array.of(flags, 0, 0, 0), u24le(width - 1), u24le(height - 1)));
}

/** An extended WebP: VP8X, ICC profile, the 1×1 image, then EXIF and XMP chunks (odd sizes). */
export function makeWebp(): Uint8Array {
  const { icc, alpha, exif, xmp } = VP8X_FLAGS;
  return riffFile([
    vp8xChunk(icc | alpha | exif | xmp, 1, 1),
    riffChunk('ICCP', new Uint8Array(33).fill(7)),
    riffChunk('VP8L', ONE_PIXEL_VP8L),
    riffChunk('EXIF', makeExifPayload().subarray(6)),
    riffChunk('XMP ', encoder.encode(`<x:xmpmeta>${SECRET_MARKER}</x:xmpmeta>`)),
  ]);
}
