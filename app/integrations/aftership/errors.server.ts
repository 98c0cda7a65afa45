import { UpstreamError } from '~/utils/upstream-error';
import { ErrorEnvelopeSchema } from './schemas';

/*
 * AfterShip's answers as our one upstream error. The envelope's `meta.code` names what happened
 * (40400, 40900, 42200 and its variants, 42900…); the HTTP status backs it up when a proxy or a
 * gateway answered instead. Messages and `meta.errors` are kept as field paths only: AfterShip may
 * echo the shopper's email or address in them.
 */

/** What we keep of an error envelope: its code and the paths it complains about. */
export type AftershipErrorDetail = { kind: 'aftership-error-detail'; metaCode: number | null; fields: string[] };

const BY_META_CODE: Array<[min: number, max: number, code: string]> = [
  [40000, 40099, 'BAD_REQUEST'],
  [40100, 40199, 'UNAUTHORIZED'],
  [40300, 40399, 'FORBIDDEN'],
  [40400, 40499, 'NOT_FOUND'],
  [40900, 40999, 'CONFLICT'],
  [42200, 42299, 'UNPROCESSABLE'],
  [42900, 42999, 'RATE_LIMITED'],
];
const BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 422: 'UNPROCESSABLE', 429: 'RATE_LIMITED',
};

/** `Retry-After` (seconds or an HTTP date), else `ratelimit-reset` (a unix time, or seconds from now). */
export function readRetryAfter(headers: Headers, nowMs: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }
  const reset = Number(headers.get('ratelimit-reset')?.trim() ?? '');
  if (!Number.isFinite(reset) || reset <= 0) return null;
  // A value past a billion is a unix time; smaller ones count seconds from now.
  return reset > 1e9 ? Math.max(0, Math.ceil(reset - nowMs / 1000)) : Math.ceil(reset);
}

/** A non-2xx answer (or a 2xx with an error code in its envelope). */
export async function fromResponse(response: Response, nowMs: number): Promise<UpstreamError> {
  const { status } = response;
  const body: unknown = await response.json().catch(() => null);
  const meta = ErrorEnvelopeSchema.safeParse(body).data?.meta ?? null;
  const byMeta = meta ? BY_META_CODE.find(([min, max]) => meta.code >= min && meta.code <= max)?.[2] : undefined;
  const code = byMeta ?? BY_STATUS[status] ?? `HTTP_${status}`;
  // 42900 is also "another create for this order is still running": later, it goes through.
  const retryable = status === 429 || status >= 500 || code === 'RATE_LIMITED';
  const detail: AftershipErrorDetail = {
    kind: 'aftership-error-detail', metaCode: meta?.code ?? null, fields: (meta?.errors ?? []).flatMap((e) => (e.path ? [e.path] : [])).slice(0, 50),
  };
  return new UpstreamError({ service: 'aftership', status, code, retryable, retryAfterSeconds: readRetryAfter(response.headers, nowMs), cause: detail });
}

/** The error envelope's detail, for logs and tests. */
export const readAftershipErrorDetail = (error: UpstreamError): AftershipErrorDetail | null => {
  const cause = error.cause as Partial<AftershipErrorDetail> | undefined;
  return cause?.kind === 'aftership-error-detail' ? (cause as AftershipErrorDetail) : null;
};

/** fetch itself failed: the request may or may not have reached AfterShip. */
export function fromFetchFailure(error: unknown): UpstreamError {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  // A name only: undici errors can carry the URL, and list queries hold an order name or email.
  const cause = error instanceof Error ? { name: error.name } : undefined;
  return new UpstreamError({ service: 'aftership', status: null, code: timedOut ? 'TIMEOUT' : 'NETWORK', retryable: true, cause });
}

export const unexpectedShape = (status: number, cause: unknown) =>
  new UpstreamError({ service: 'aftership', status, code: 'UNEXPECTED_SHAPE', retryable: false, cause });

export const invalidRequest = (cause: unknown) =>
  new UpstreamError({ service: 'aftership', status: null, code: 'INVALID_REQUEST', retryable: false, cause });
