import { parseRetryAfter } from '~/utils/retry-after';
import { UpstreamError } from '~/utils/upstream-error';
import { LoopErrorBodySchema, type LoopErrorDetail } from './schemas';

const CODES: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 422: 'UNPROCESSABLE', 429: 'RATE_LIMITED' };

/**
 * A non-2xx Loop answer as our one upstream error. We keep Loop's error code and a message cut
 * short (they name states and fields, never the shopper); the body itself is dropped.
 */
export async function fromResponse(response: Response, nowMs: number): Promise<UpstreamError> {
  const { status } = response;
  const body: unknown = await response.json().catch(() => null);
  const detail = LoopErrorBodySchema.safeParse(body).data ?? null;
  return new UpstreamError({
    service: 'loop',
    status,
    code: CODES[status] ?? `HTTP_${status}`,
    retryable: status === 429 || status >= 500,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), nowMs),
    cause: detail ? { kind: 'loop-error-detail', code: detail.code, message: detail.message?.slice(0, 200) ?? null } : undefined,
  });
}

/** Loop's own error code and message of a failed call, where its body had one. */
export function readLoopErrorDetail(error: UpstreamError): LoopErrorDetail | null {
  const cause = error.cause as { kind?: string; code?: string | null; message?: string | null } | undefined;
  return cause?.kind === 'loop-error-detail' ? { code: cause.code ?? null, message: cause.message ?? null } : null;
}

/** fetch itself failed: the request may or may not have reached Loop. */
export function fromFetchFailure(error: unknown): UpstreamError {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return new UpstreamError({
    service: 'loop', status: null, code: timedOut ? 'TIMEOUT' : 'NETWORK', retryable: true,
    cause: error instanceof Error ? { name: error.name } : undefined,
  });
}

export const unexpectedShape = (status: number, cause: unknown) =>
  new UpstreamError({ service: 'loop', status, code: 'UNEXPECTED_SHAPE', retryable: false, cause });
