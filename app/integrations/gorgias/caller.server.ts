import type { z } from 'zod';
import { fromFetchFailure, fromResponse, unexpectedShape } from './errors.server';
import type { CallLimitGate } from './rate-limit.server';

export type GorgiasCall = <T>(
  request: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; query?: Record<string, string | number | null | undefined>; json?: unknown; form?: FormData },
  schema: z.ZodType<T>,
) => Promise<T>;

export type CallerConfig = {
  /** `https://{subdomain}.gorgias.com` (or an emulator); `/api/...` paths are appended. */
  baseUrl: string;
  email: string;
  apiKey: string;
  fetch?: typeof fetch;
  clock?: () => number;
  timeoutMs?: number;
};

/**
 * The one way the Gorgias adapter talks HTTP: Basic auth, JSON in and out, the call-limit gate
 * before and after, non-2xx → UpstreamError, every body parsed with zod. Never retries.
 */
export function createGorgiasCaller(config: CallerConfig, gate: CallLimitGate): GorgiasCall {
  const doFetch = config.fetch ?? globalThis.fetch;
  const now = config.clock ?? Date.now;
  const authorization = `Basic ${Buffer.from(`${config.email}:${config.apiKey}`).toString('base64')}`;
  const base = config.baseUrl.replace(/\/+$/, '');

  return async ({ method, path, query, json, form }, schema) => {
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' };
    // FormData sets its own multipart boundary; only JSON bodies get a content type from us.
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const body = json !== undefined ? JSON.stringify(json) : form;

    await gate.beforeRequest();
    let response: Response;
    try {
      // 301 means a merged ticket or customer: surface it instead of silently re-sending a write.
      response = await doFetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(config.timeoutMs ?? 15_000) });
    } catch (error) {
      throw fromFetchFailure(error);
    }
    await gate.record(response);
    if (response.status < 200 || response.status >= 300) throw await fromResponse(response, now());

    const text = await response.text().catch(() => '');
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch (error) {
      throw unexpectedShape(response.status, { name: (error as Error).name });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw unexpectedShape(response.status, parsed.error);
    return parsed.data;
  };
}
