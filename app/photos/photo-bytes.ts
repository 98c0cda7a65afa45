/** Small byte helpers shared by the container parsers; no DataView, so subarrays stay cheap. */

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Latin-1 text of a byte range; out-of-range bytes are simply missing. */
export function readAscii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

export function startsWithBytes(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, index) => bytes[at + index] === byte);
}

/** Callers check bounds first; a missing byte reads as 0. */
export function readUint16(bytes: Uint8Array, at: number, littleEndian = false): number {
  const [a, b] = [bytes[at] ?? 0, bytes[at + 1] ?? 0];
  return littleEndian ? a | (b << 8) : (a << 8) | b;
}

export function readUint32(bytes: Uint8Array, at: number, littleEndian = false): number {
  const high = readUint16(bytes, littleEndian ? at + 2 : at, littleEndian);
  const low = readUint16(bytes, littleEndian ? at : at + 2, littleEndian);
  return high * 0x10000 + low;
}

export function writeUint32(value: number, littleEndian = false): Uint8Array {
  const big = Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  return littleEndian ? big.reverse() : big;
}
