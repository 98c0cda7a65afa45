import { LRUCache } from 'lru-cache';
import { log } from '~/utils/log.server';

/*
 * A provider's drop-off QR code, fetched by the portal and served from its own origin: the case
 * page then shows it under the portal's own Content-Security-Policy, inside the chat iframe too,
 * and the shopper's browser never calls the provider. Bounded in time and bytes, and only real
 * images (by their first bytes, not the header the provider sends) are kept.
 */

export type LabelImage = { bytes: Uint8Array; contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' };

export type LabelImages = {
  /** The image at `url`, or null when it cannot be fetched in time, is too large or is not an image. */
  get(url: string): Promise<LabelImage | null>;
};

export type LabelImageOptions = {
  /** http:// URLs are only fetched in the sandbox (its emulators answer on loopback). */
  allowHttp: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof fetch;
};

/** A QR code is a few kilobytes; a provider's generous one stays far below this. */
const MAX_BYTES = 512 * 1024;

const SIGNATURES: [LabelImage['contentType'], (bytes: Uint8Array) => boolean][] = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46],
  ['image/webp', (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50],
];

/** What the first bytes say the image is, or null for anything else (SVG and HTML included). */
export const sniffImageType = (bytes: Uint8Array): LabelImage['contentType'] | null => SIGNATURES.find(([, test]) => test(bytes))?.[0] ?? null;

export function createLabelImages(options: LabelImageOptions): LabelImages {
  const { allowHttp, timeoutMs = 5_000, maxBytes = MAX_BYTES, fetch: doFetch = fetch } = options;
  // A label's QR code never changes: the same few are asked for by each visit of a case page.
  const cache = new LRUCache<string, LabelImage>({ max: 200, maxSize: 32 * 1024 * 1024, sizeCalculation: (image) => image.bytes.byteLength });

  async function fetchImage(url: string): Promise<LabelImage | null> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:')) return null;
    try {
      const response = await doFetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        log.warn('labels.image_failed', { host: parsed.host, status: response.status });
        return null;
      }
      if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
        await response.body.cancel();
        return null;
      }
      const bytes = await readBounded(response.body, maxBytes);
      const contentType = bytes ? sniffImageType(bytes) : null;
      return bytes && contentType ? { bytes, contentType } : null;
    } catch (error) {
      log.warn('labels.image_failed', { host: parsed.host, message: (error as Error).name });
      return null;
    }
  }

  return {
    async get(url) {
      const cached = cache.get(url);
      if (cached) return cached;
      const image = await fetchImage(url);
      if (image) cache.set(url, image);
      return image;
    },
  };
}

async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
