import { describe, expect, it } from 'vitest';
import { fromFetchFailure, fromResponse, readRetryAfter } from './errors.server';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const answer = (status: number, meta: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify({ meta, data: null }), { status, headers });

describe('AfterShip errors', () => {
  it('reads retry-after in seconds or as a date, else ratelimit-reset as a unix time', () => {
    expect(readRetryAfter(new Headers({ 'retry-after': '3' }), NOW)).toBe(3);
    expect(readRetryAfter(new Headers({ 'retry-after': new Date(NOW + 5_000).toUTCString() }), NOW)).toBe(5);
    expect(readRetryAfter(new Headers({ 'ratelimit-reset': String(NOW / 1000 + 2) }), NOW)).toBe(2);
    expect(readRetryAfter(new Headers({}), NOW)).toBeNull();
  });

  it('names the error by meta.code, and says what is worth retrying', async () => {
    expect(await fromResponse(answer(404, { code: 40400, type: 'NotFound', message: 'Return not found' }), NOW)).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    expect(await fromResponse(answer(422, { code: 42213, type: 'UnprocessableEntity', message: 'x' }), NOW)).toMatchObject({ code: 'UNPROCESSABLE', retryable: false });
    expect(await fromResponse(answer(429, { code: 42900, type: 'TooManyRequests', message: 'x' }, { 'ratelimit-reset': String(NOW / 1000 + 1) }), NOW))
      .toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
    expect(await fromResponse(new Response('<html>Bad gateway</html>', { status: 502 }), NOW)).toMatchObject({ code: 'HTTP_502', status: 502, retryable: true });
    expect(fromFetchFailure(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toMatchObject({ code: 'TIMEOUT', status: null, retryable: true });
  });

  it('keeps field paths of a 422, never its messages (they may echo a shopper\'s data)', async () => {
    const error = await fromResponse(answer(422, { code: 42200, type: 'UnprocessableEntity', message: 'lea@example.com is invalid', errors: [{ path: 'customer_email', info: 'lea@example.com is invalid' }] }), NOW);
    expect(JSON.stringify(error.cause)).not.toContain('lea@example.com');
    expect(error.cause).toEqual({ kind: 'aftership-error-detail', metaCode: 42200, fields: ['customer_email'] });
  });
});
