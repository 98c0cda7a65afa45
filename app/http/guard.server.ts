import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logClientError, log } from '~/utils/log.server';
import { ALLOWED_METHODS, checkRequestLine } from './request-line';
import { sendErrorPage, type ErrorPageLook } from './error-page.server';

/** A method name fit for a log line: one we know, or just "other". */
const methodOf = (method: string) => ((ALLOWED_METHODS as readonly string[]).includes(method) ? method : 'other');

/**
 * First in the chain: answers 400 or 405 for a request Remix could not turn into a Request (TRACE,
 * `*` or `http://…` as the target, a malformed Host, a path that does not decode), with one log
 * line instead of a stack.
 */
export function guardRequests(options: { trustProxy: boolean; look: ErrorPageLook }): RequestHandler {
  return (req, res, next) => {
    const forwarded = req.headers['x-forwarded-host'];
    const refusal = checkRequestLine({
      method: req.method,
      target: req.url,
      host: req.headers.host,
      forwardedHost: options.trustProxy && typeof forwarded === 'string' ? forwarded : undefined,
    });
    if (!refusal) return next();
    logClientError('http.refused', { status: refusal.status, reason: refusal.reason, method: methodOf(req.method) });
    sendErrorPage(req, res, refusal.status, options.look).catch(next);
  };
}

/**
 * Last in the chain: whatever reached Express as an error. A client's mistake Express itself
 * noticed (its 4xx errors) gets one line; anything else is our fault and is logged with its stack,
 * which never reaches the client.
 */
export function handleErrors(options: { look: ErrorPageLook }): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const declared = Number((error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode);
    const status = declared >= 400 && declared < 500 ? declared : 500;
    if (status < 500) logClientError('http.client_error', { status, method: methodOf(req.method) });
    else log.error('http.failed', { method: methodOf(req.method), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    sendErrorPage(req, res, status, options.look).catch(() => res.destroy());
  };
}
