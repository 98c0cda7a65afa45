import type { z } from 'zod';
import { fromFetchFailure, fromResponse, unexpectedShape } from './errors.server';
import type { RateGate } from './rate-limit.server';

export type AftershipCall = <T>(
  request: { method: 'GET' | 'POST'; path: string; query?: Record<string, string | number | null | undefined>; json?: unknown },
  schema: z.ZodType<T>,
) => Promise<T>;

export type CallerConfig = {
  /** `https://api.aftership.com/returns/2026-07` (or an emulator); `/returns/...` paths are appended. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  clock?: () => number;
  timeoutMs?: number;
};

/**
 * The one way the AfterShip adapter talks HTTP: `as-api-key`, JSON in and out, the rate gate
 * before each call, a non-2xx answer (or an envelope whose `meta.code` is not 2xxxx) →
 * UpstreamError, every body parsed with zod. Never retries by itself: the job queue does.
 */
export function createAftershipCaller(config: CallerConfig, gate: RateGate): AftershipCall {
  const doFetch = config.fetch ?? globalThis.fetch;
  const now = config.clock ?? Date.now;
  const base = config.baseUrl.replace(/\/+$/, '');

  return async ({ method, path, query, json }, schema) => {
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { 'as-api-key': config.apiKey, Accept: 'application/json' };
    if (json !== undefined) headers['Content-Type'] = 'application/json';

    await gate.beforeRequest();
    let response: Response;
    try {
      response = await doFetch(url, {
        method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'manual', signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw fromFetchFailure(error);
    }
    if (response.status < 200 || response.status >= 300) {
      const error = await fromResponse(response, now());
      if (error.code === 'RATE_LIMITED' && error.status === 429) gate.holdFor(error.retryAfterSeconds ?? 1);
      throw error;
    }
    const text = await response.text().catch(() => '');
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch (error) {
      throw unexpectedShape(response.status, { name: (error as Error).name });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw unexpectedShape(response.status, { issues: parsed.error.issues.map((i) => i.path.join('.')).slice(0, 20) });
    return parsed.data;
  };
}
