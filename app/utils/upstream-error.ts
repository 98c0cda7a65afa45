const BRAND = Symbol.for('comptoir.UpstreamError');

export type UpstreamService = 'shopify' | 'gorgias' | 'loop' | 'aftership';

/**
 * The one error an adapter throws when an upstream is unreachable, throttling or failing. The
 * shopper sees "try again shortly"; logs get the service, status and code — never a body.
 */
export class UpstreamError extends Error {
  readonly service: UpstreamService;
  readonly status: number | null;
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;
  readonly [BRAND] = true;

  constructor(init: {
    service: UpstreamService;
    status: number | null;
    code: string;
    retryable: boolean;
    retryAfterSeconds?: number | null;
    cause?: unknown;
  }) {
    super(`${init.service} failed: ${init.code}${init.status ? ` (HTTP ${init.status})` : ''}`, { cause: init.cause });
    this.name = 'UpstreamError';
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** Brand check rather than `instanceof`: the server entry and the Remix bundle each load this module. */
export const isUpstreamError = (error: unknown): error is UpstreamError =>
  typeof error === 'object' && error !== null && BRAND in error;
