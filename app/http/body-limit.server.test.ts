import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyLimitFor, limitBody, BodyTooLargeError, FORM_BODY_LIMIT, PHOTO_FORM_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from './body-limit.server';

/** A request body as Node hands it over, chunk by chunk. */
function incoming(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = new PassThrough();
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return Object.assign(stream, { headers }) as unknown as IncomingMessage;
}

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).arrayBuffer().then((buffer) => Buffer.from(buffer));

describe('bodyLimitFor', () => {
  it('gives forms 64 KiB, the return form its photos, and webhooks 1 MiB', () => {
    expect(bodyLimitFor('/')).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor('/order/return')).toBe(PHOTO_FORM_BODY_LIMIT);
    expect(bodyLimitFor('/webhooks/shopify')).toBe(WEBHOOK_BODY_LIMIT);
  });
});

describe('limitBody', () => {
  it('passes a body under the limit byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
    const body = limitBody(incoming([bytes.subarray(0, 1000), bytes.subarray(1000)]), 5000);
    expect((await read(body.stream)).equals(bytes)).toBe(true);
    expect(body.overflowed()).toBe(false);
  });

  it('fails as soon as the count passes the limit, with no Content-Length to go by', async () => {
    const body = limitBody(incoming([Buffer.alloc(3000), Buffer.alloc(3000), Buffer.alloc(3000)]), 5000);
    await expect(read(body.stream)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.overflowed()).toBe(true);
  });

  it('fails before reading when Content-Length already says too much', async () => {
    const body = limitBody(incoming([Buffer.alloc(10)], { 'content-length': '6000' }), 5000);
    await expect(read(body.stream)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
