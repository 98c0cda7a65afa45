import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { bodyLimitFor, limitBody, lingerAfterResponse } from './body-limit.server';
import { sendErrorPage, type ErrorPageLook } from './error-page.server';

/*
 * Serves the Remix build from Express. Our own adapter instead of @remix-run/express, for three
 * things it cannot do: the body reaches Remix through a byte counter (limits hold for chunked
 * bodies too), a route's headers replace those set earlier instead of being sent twice
 * (`Cache-Control: no-store` came out doubled), and a body nobody read to its end is not read
 * on without bound.
 */
export function createRemixHandler(options: {
  build: ServerBuild;
  mode: string | undefined;
  /** For the 413 page of a body read past its limit. */
  look: ErrorPageLook;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const body = hasBody ? limitBody(req, bodyLimitFor(req.path)) : null;
      // A GET may carry a body too; nobody reads it, and Node would otherwise drain it all.
      lingerAfterResponse(req, res);
      // The request guard has checked the Host header and the path before this runs.
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
      const request = new Request(url, {
        method: req.method,
        headers: toHeaders(req.headers),
        signal: controller.signal,
        ...(body ? { body: body.stream, duplex: 'half' } : {}),
      } as RequestInit);
      const response = await handle(request, options.getLoadContext(req, res));
      // A route that read past the limit without saying so (or failed on it) still answers 413.
      if (body?.overflowed() && response.status !== 413) return await sendErrorPage(req, res, 413, options.look);
      await send(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}

function toHeaders(incoming: ExpressRequest['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function send(req: ExpressRequest, res: ExpressResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  if (!response.body) return void res.end();
  // A small body of known length (a page rendered to one string) goes out in one write.
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (length <= SMALL_BODY_BYTES) return void res.end(Buffer.from(await response.arrayBuffer()));
  await writeReadableStreamToWritable(response.body, res);
}

const SMALL_BODY_BYTES = 1024 * 1024;
