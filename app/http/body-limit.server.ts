import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Request bodies are counted as they stream, whatever the transfer encoding: a chunked body has
 * no Content-Length to check up front, so the bytes themselves are what is limited.
 */
const KIB = 1024;
const MIB = 1024 * KIB;

/** Forms are a few kilobytes; vendors' webhook payloads stay well under a megabyte. */
export const FORM_BODY_LIMIT = 64 * KIB;
export const WEBHOOK_BODY_LIMIT = 1 * MIB;
/** The return form carries photos: 10 MB each, a few per item. */
export const PHOTO_FORM_BODY_LIMIT = 60 * MIB;

export function bodyLimitFor(path: string): number {
  if (path === '/order/return') return PHOTO_FORM_BODY_LIMIT;
  if (path.startsWith('/webhooks/')) return WEBHOOK_BODY_LIMIT;
  return FORM_BODY_LIMIT;
}

/** What a route reading past the limit gets from the body stream: it answers 413 with its own page. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export type LimitedBody = { stream: ReadableStream<Uint8Array>; overflowed: () => boolean };

/**
 * The request's body as a web stream that errors as soon as the limit is passed (at once when
 * Content-Length already says so). The bytes pass untouched, so a webhook's signature still
 * matches. Reading pauses while the consumer is behind: a route that never reads the body never
 * makes the server hold more than one buffer of it.
 */
export function limitBody(req: IncomingMessage, limit: number): LimitedBody {
  let seen = 0;
  let overflow = false;
  const declared = Number(req.headers['content-length']);
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = () => {
          overflow = true;
          req.pause();
          req.removeAllListeners('data');
          controller.error(new BodyTooLargeError(limit));
        };
        if (Number.isFinite(declared) && declared > limit) return fail();
        req.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > limit) return fail();
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (!overflow) controller.close();
        });
        req.once('error', (error) => {
          if (!overflow) controller.error(error);
        });
        req.pause();
      },
      pull() {
        if (!overflow) req.resume();
      },
      cancel() {
        req.pause();
      },
    },
    { highWaterMark: 64 * KIB, size: (chunk) => chunk.byteLength },
  );
  return { stream, overflowed: () => overflow };
}

const LINGER_BYTES = 256 * KIB;
const LINGER_MS = 2_000;

/**
 * Once the answer is sent, a body nobody read to its end (over the limit, or a route with no
 * action) ends the connection gently: our side is shut after the answer, what still arrives is
 * read and dropped for a little while (up to LINGER_BYTES, then no more is read), and the socket
 * is closed after LINGER_MS. Closing at once, with bytes unread, makes TCP reset the connection and
 * the client lose the answer it has not read yet: a browser would show a network error, not our page.
 */
export function lingerAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.complete) return;
    const socket = req.socket;
    let seen = 0;
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
    socket.end();
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > LINGER_BYTES) req.pause();
    });
    req.resume();
  });
}
