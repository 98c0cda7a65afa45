import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

type WebHandler = (request: Request) => Promise<Response>;

/** Emulator requests are small GraphQL documents; anything bigger is a mistake or abuse. */
const MAX_BODY_BYTES = 1_000_000;

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage & { body?: unknown }): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  // Mounted after a body parser (Express), the stream is already consumed: use what it parsed.
  if (req.readableEnded && req.body !== undefined) {
    if (Buffer.isBuffer(req.body)) return req.body;
    return Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function toRequest(req: IncomingMessage, body: Buffer | undefined, signal: AbortSignal): Request {
  const secure = Boolean((req.socket as TLSSocket).encrypted);
  const url = new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(url, { method: req.method, headers, body: body?.length ? new Uint8Array(body) : undefined, signal });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Adapts a web-standard `Request → Response` handler (our emulators) to Node's
 * `http.createServer` callback; the same function works as Express middleware.
 */
export function toNodeHandler(handle: WebHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    readBody(req)
      .then((body) => handle(toRequest(req, body, controller.signal)))
      .then((response) => writeResponse(res, response))
      .catch((error: unknown) => {
        const tooLarge = error instanceof BodyTooLargeError;
        if (!tooLarge) console.error('sandbox handler failed', error);
        if (res.headersSent) {
          res.destroy(error instanceof Error ? error : undefined);
          return;
        }
        res.statusCode = tooLarge ? 413 : 500;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        if (tooLarge) res.setHeader('Connection', 'close');
        res.end(JSON.stringify({ errors: tooLarge ? 'Request Entity Too Large' : 'Internal Server Error' }));
      });
  };
}
