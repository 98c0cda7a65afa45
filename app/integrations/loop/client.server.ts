import type { z } from 'zod';
import { isUpstreamError, UpstreamError } from '~/utils/upstream-error';
import { fromFetchFailure, fromResponse, readLoopErrorDetail, unexpectedShape } from './errors.server';
import { createLoopRateGate } from './rate-limit.server';
import { AddReturningItemBodySchema, DeepLinkBodySchema, InitializeDraftBodySchema, NoteBodySchema } from './requests';
import {
  ActionResultSchema, DeepLinkSchema, DraftOrderItemsSchema, DraftReturnSchema, LoopErrorBodySchema, LoopNotesSchema, LoopReturnListSchema, LoopReturnSchema,
  type DraftOrderItem, type DraftReturn, type LoopReturn,
} from './schemas';

export type LoopClientConfig = {
  /** Loop's API host (`https://api.loopreturns.com`) or an emulator's; `/api/v1/…` is appended. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Longest wait for the client-side 300/min gate (default 15 s). */
  maxRateLimitWaitMs?: number;
};

type Call = { method: 'GET' | 'POST'; url: URL; json?: unknown; hal?: boolean };

/** Validates what we are about to send; the issue paths are kept, never the values. */
function checked<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new UpstreamError({ service: 'loop', status: null, code: 'INVALID_REQUEST', retryable: false, cause: { fields: parsed.error.issues.map((issue) => issue.path.join('.')) } });
}

/** HAL-Forms for draft returns; `application/json` for the rest of the v1 API. */
const HAL_ACCEPT = 'application/prs.hal-forms+json, application/json';

/**
 * Our small client of the Loop Returns merchant API (no maintained npm client exists):
 * `X-Authorization: <key>`, JSON in and out, every body parsed with zod, non-2xx → UpstreamError
 * (service `loop`, retryable on 429/5xx/network). It never retries: the label jobs do, after the
 * Retry-After this client also holds its own later calls to. One instance per API key.
 */
export function createLoopClient(config: LoopClientConfig) {
  const doFetch = config.fetch ?? globalThis.fetch;
  const now = config.clock ?? Date.now;
  const base = config.baseUrl.replace(/\/+$/, '');
  const gate = createLoopRateGate({ now, sleep: config.sleep, maxWaitMs: config.maxRateLimitWaitMs });
  const v1 = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(`${base}/api/v1${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };

  async function call<T>({ method, url, json, hal }: Call, schema: z.ZodType<T, unknown>): Promise<T> {
    const headers: Record<string, string> = { 'X-Authorization': config.apiKey, Accept: hal ? HAL_ACCEPT : 'application/json' };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    await gate.beforeRequest();
    let response: Response;
    try {
      response = await doFetch(url, {
        method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'manual',
        signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw fromFetchFailure(error);
    }
    if (response.status < 200 || response.status >= 300) {
      const error = await fromResponse(response, now());
      if (error.status === 429) gate.holdFor(error.retryAfterSeconds ?? 1);
      throw error;
    }
    const body = await response.text().catch(() => '');
    let payload: unknown;
    try {
      payload = body ? JSON.parse(body) : undefined;
    } catch (error) {
      throw unexpectedShape(response.status, { name: (error as Error).name });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw unexpectedShape(response.status, parsed.error);
    return parsed.data;
  }

  /** A link Loop gave us, followed only on Loop's own host: our key never leaves for another. */
  function linkOf(draft: DraftReturn, rel: string): URL | null {
    const href = draft._links[rel]?.href;
    if (!href) return null;
    const url = new URL(href);
    if (url.origin !== new URL(base).origin) throw unexpectedShape(200, { link: rel, reason: 'foreign_origin' });
    return url;
  }

  return {
    /** `POST /draft-returns`: a draft for the order, found by its name and zip (or email). @throws UpstreamError */
    initializeDraftReturn(input: { orderName: string; secondaryInput: string }): Promise<DraftReturn> {
      const json = checked(InitializeDraftBodySchema, { order_name: input.orderName, secondary_input: input.secondaryInput, is_gift: false });
      return call({ method: 'POST', url: v1('/draft-returns'), json, hal: true }, DraftReturnSchema);
    },
    /** Whether the draft offers `rel` now (HAL-Forms: a link and its template). */
    offers: (draft: DraftReturn, rel: string) => Boolean(draft._links[rel]),
    /**
     * The order's lines in the draft's context: the `order-items` link, or its documented path
     * (`GET /draft-returns/{id}/order/items`) where the draft offers no such link. @throws UpstreamError
     */
    async listDraftOrderItems(draft: DraftReturn): Promise<DraftOrderItem[]> {
      const url = linkOf(draft, 'order-items') ?? v1(`/draft-returns/${encodeURIComponent(draft.draft_return.id)}/order/items`);
      return (await call({ method: 'GET', url, hal: true }, DraftOrderItemsSchema)).items;
    },
    /** Performs the draft's action `rel` with its template's method. @throws UpstreamError */
    async act(draft: DraftReturn, rel: string, json?: Record<string, unknown>): Promise<DraftReturn> {
      if (rel === 'add-returning-item') checked(AddReturningItemBodySchema, json);
      const url = linkOf(draft, rel);
      if (!url) throw unexpectedShape(200, { link: rel, reason: 'missing' });
      const method = draft._templates[rel]?.method.toUpperCase() === 'GET' ? 'GET' : 'POST';
      return call({ method, url, json: method === 'POST' ? json ?? {} : undefined, hal: true }, DraftReturnSchema);
    },
    /** `POST /order/link`: Loop's own portal, opened on this order. @throws UpstreamError */
    createDeepLink(input: { orderName: string; zip: string }): Promise<{ url: string }> {
      return call({ method: 'POST', url: v1('/order/link'), json: checked(DeepLinkBodySchema, { name: input.orderName, zip: input.zip, gift: false }) }, DeepLinkSchema);
    },
    /** `GET /warehouse/return/list`: returns created in [from, to] (at most 120 days). @throws UpstreamError */
    listReturns(input: { from: Date; to: Date }): Promise<LoopReturn[]> {
      const query = { from: input.from.toISOString(), to: input.to.toISOString(), filter: 'created_at' };
      return call({ method: 'GET', url: v1('/warehouse/return/list', query) }, LoopReturnListSchema);
    },
    /** `GET /warehouse/return/details`. @throws UpstreamError */
    getReturnDetails(returnId: string): Promise<LoopReturn> {
      return call({ method: 'GET', url: v1('/warehouse/return/details', { return_id: returnId }) }, LoopReturnSchema);
    },
    /** `GET /warehouse/return/details?order_name=`: the order's latest return. @throws UpstreamError */
    getReturnDetailsByOrderName(orderName: string): Promise<LoopReturn> {
      return call({ method: 'GET', url: v1('/warehouse/return/details', { order_name: orderName.replace(/^#/, '') }) }, LoopReturnSchema);
    },
    /** The return's notes; Loop answers 422 "no notes", read here as none. @throws UpstreamError */
    async getReturnNotes(returnId: string): Promise<string[]> {
      try {
        const { notes } = await call({ method: 'GET', url: v1(`/warehouse/return/${encodeURIComponent(returnId)}/notes`) }, LoopNotesSchema);
        return notes.map((note) => note.content);
      } catch (error) {
        if (isUpstreamError(error) && error.status === 422) return [];
        throw error;
      }
    },
    /** Adds a note (under 255 characters). @throws UpstreamError */
    async addReturnNote(returnId: string, content: string): Promise<void> {
      await call({ method: 'POST', url: v1(`/warehouse/return/${encodeURIComponent(returnId)}/note`), json: checked(NoteBodySchema, { content }) }, ActionResultSchema);
    },
    /**
     * `POST /warehouse/return/{id}/cancel`. Loop turns a cancel down (already cancelled, closed,
     * expired, flagged) with a message: as a 422, or as a 200 whose body is the refusal.
     * @throws UpstreamError
     */
    async cancelReturn(returnId: string): Promise<{ cancelled: true } | { cancelled: false; message: string | null }> {
      try {
        const body = await call({ method: 'POST', url: v1(`/warehouse/return/${encodeURIComponent(returnId)}/cancel`) }, ActionResultSchema);
        const refusal = LoopErrorBodySchema.safeParse(body);
        return refusal.success ? { cancelled: false, message: refusal.data.message } : { cancelled: true };
      } catch (error) {
        if (!isUpstreamError(error) || error.status !== 422) throw error;
        return { cancelled: false, message: readLoopErrorDetail(error)?.message ?? null };
      }
    },
  };
}

export type LoopClient = ReturnType<typeof createLoopClient>;
