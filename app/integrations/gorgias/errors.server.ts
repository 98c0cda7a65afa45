import { parseRetryAfter } from '~/utils/retry-after';
import { z } from 'zod';
import { UpstreamError } from '~/utils/upstream-error';
import { ErrorBodySchema } from './schemas';

/**
 * What we keep of a Gorgias error body: the field paths it complains about and a message with
 * anything that could be a shopper's data (emails, quoted values, long numbers) blanked out.
 * Values in `data` are never kept: Gorgias may echo the email or name we sent.
 */
export const GorgiasErrorDetailSchema = z.object({
  kind: z.literal('gorgias-error-detail'),
  message: z.string().nullable(),
  fields: z.array(z.string()),
});
export type GorgiasErrorDetail = z.infer<typeof GorgiasErrorDetailSchema>;

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND',
  409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED',
};
const MAX_FIELDS = 50;

const scrub = (text: string) =>
  text
    .replace(/[^\s@"'<>]+@[^\s@"'<>]+/g, '[email]')
    .replace(/(["'])(?:(?!\1).)*\1/g, '[value]')
    .replace(/\d{5,}/g, '[number]')
    .slice(0, 200);

/** Field paths only (`messages.0.sender`), depth-first, bounded. */
function fieldPaths(data: unknown, prefix = '', out: string[] = []): string[] {
  if (out.length >= MAX_FIELDS || data === null || typeof data !== 'object' || Array.isArray(data)) return out;
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (nested) fieldPaths(value, path, out);
    else out.push(path);
    if (out.length >= MAX_FIELDS) break;
  }
  return out;
}

export function toErrorDetail(body: unknown): GorgiasErrorDetail | null {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { msg, data } = parsed.data.error;
  return { kind: 'gorgias-error-detail', message: msg ? scrub(msg) : null, fields: fieldPaths(data) };
}

/** The scrubbed detail of a Gorgias error, for logs and for deciding what to do on a 400. */
export const readGorgiasErrorDetail = (error: UpstreamError): GorgiasErrorDetail | null =>
  GorgiasErrorDetailSchema.safeParse(error.cause).data ?? null;

/** A non-2xx Gorgias response as our one upstream error; the raw body is never kept. */
export async function fromResponse(response: Response, nowMs: number): Promise<UpstreamError> {
  const { status } = response;
  const body: unknown = await response.json().catch(() => null);
  const code = CODES[status] ?? (status >= 300 && status < 400 ? 'MOVED' : `HTTP_${status}`);
  return new UpstreamError({
    service: 'gorgias',
    status,
    code,
    retryable: status === 429 || status >= 500,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), nowMs),
    cause: toErrorDetail(body) ?? undefined,
  });
}

/** fetch itself failed: the request may or may not have reached Gorgias. */
export function fromFetchFailure(error: unknown): UpstreamError {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  // The cause is a name only: undici errors can carry the URL, and ours holds a shopper's email.
  const cause = error instanceof Error ? { name: error.name } : undefined;
  return new UpstreamError({ service: 'gorgias', status: null, code: timedOut ? 'TIMEOUT' : 'NETWORK', retryable: true, cause });
}

export const unexpectedShape = (status: number, cause: unknown) =>
  new UpstreamError({ service: 'gorgias', status, code: 'UNEXPECTED_SHAPE', retryable: false, cause });

export const invalidRequest = (cause: unknown) =>
  new UpstreamError({ service: 'gorgias', status: null, code: 'INVALID_REQUEST', retryable: false, cause });
