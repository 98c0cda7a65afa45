import type { z } from 'zod';
import { createAftershipCaller, type CallerConfig } from './caller.server';
import { invalidRequest } from './errors.server';
import { createRateGate } from './rate-limit.server';
import {
  ApproveBodySchema, CreateReturnBodySchema, RejectBodySchema, ResolveBodySchema, ReturnEnvelopeSchema, ReturnLinkBodySchema,
  ReturnLinkEnvelopeSchema, ReturnListEnvelopeSchema,
  type AftershipReturn, type AftershipReturnPage, type ApproveBody, type CreateReturnBody,
} from './schemas';

export type AftershipClientConfig = CallerConfig & {
  sleep?: (ms: number) => Promise<void>;
  /** AfterShip's limit per organization (10 requests per second). */
  requestsPerSecond?: number;
  /** Longest wait at the rate gate before a call (default 10 s). */
  maxRateLimitWaitMs?: number;
};

export type ListReturnsQuery = { orderName?: string; customerEmail?: string; page?: number; limit?: number };

/** Our small typed client of the AfterShip Returns API. Every method is one call unless it says otherwise. */
export type AftershipClient = {
  /** `POST /returns` (refund resolution only). @throws UpstreamError `UNPROCESSABLE`, `RATE_LIMITED` (42900: another create for this order is running) */
  createReturn(body: CreateReturnBody): Promise<AftershipReturn>;
  /** `GET /returns/{id}`. @throws UpstreamError `NOT_FOUND` */
  getReturn(id: string): Promise<AftershipReturn>;
  /** `GET /returns` with filters; `limit` 1–50, `page` 1–200. @throws UpstreamError */
  listReturns(query: ListReturnsQuery): Promise<AftershipReturnPage>;
  /** Up to `maxPages` calls: every return of one order (`#1001`). @throws UpstreamError */
  listReturnsOfOrder(orderName: string, options?: { maxPages?: number }): Promise<AftershipReturn[]>;
  /** `POST /returns/{id}/approve`; 202. @throws UpstreamError `CONFLICT` (not `submitted` any more), `NOT_FOUND` */
  approveReturn(id: string, body: ApproveBody): Promise<AftershipReturn>;
  /** `POST /returns/{id}/reject`. @throws UpstreamError `CONFLICT` (already rejected or done), `NOT_FOUND` */
  rejectReturn(id: string, body: { reject_reason: string; notify_customer: boolean }): Promise<AftershipReturn>;
  /** `POST /returns/{id}/resolve`. @throws UpstreamError `CONFLICT`, `NOT_FOUND` */
  resolveReturn(id: string, body: { notify_customer: boolean }): Promise<AftershipReturn>;
  /** `POST /returns/link`: the shopper's own returns page for an order. @throws UpstreamError */
  createReturnLink(body: { order_number: string; customer_email?: string; postal_code?: string }): Promise<string>;
};

const MAX_LIMIT = 50;
const MAX_PAGE = 200;

/** Validates what we are about to send; a bad input is our bug, reported by field path only. */
function checked<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidRequest({ issues: parsed.error.issues.map((i) => i.path.join('.')) });
  return parsed.data;
}

const clamp = (value: number | undefined, fallback: number, max: number) => Math.min(Math.max(Math.trunc(value ?? fallback), 1), max);
const returnPath = (id: string) => `/returns/${encodeURIComponent(id)}`;

/** One instance per organization, so the rate gate sees every call this process makes with its key. */
export function createAftershipClient(config: AftershipClientConfig): AftershipClient {
  const gate = createRateGate({ perSecond: config.requestsPerSecond, now: config.clock, sleep: config.sleep, maxWaitMs: config.maxRateLimitWaitMs });
  const call = createAftershipCaller(config, gate);

  const listReturns: AftershipClient['listReturns'] = async (query) => {
    const params = {
      order_name: query.orderName, customer_email: query.customerEmail, page: clamp(query.page, 1, MAX_PAGE), limit: clamp(query.limit, 10, MAX_LIMIT),
    };
    return (await call({ method: 'GET', path: '/returns', query: params }, ReturnListEnvelopeSchema)).data;
  };

  return {
    async createReturn(body) {
      const json = checked(CreateReturnBodySchema, body);
      return (await call({ method: 'POST', path: '/returns', json }, ReturnEnvelopeSchema)).data;
    },
    async getReturn(id) {
      return (await call({ method: 'GET', path: returnPath(id) }, ReturnEnvelopeSchema)).data;
    },
    listReturns,
    async listReturnsOfOrder(orderName, options) {
      const found: AftershipReturn[] = [];
      for (let page = 1; page <= (options?.maxPages ?? 5); page++) {
        const result = await listReturns({ orderName, page, limit: MAX_LIMIT });
        // The filter should be exact; a return of another order must never be taken for ours.
        found.push(...result.returns.filter((r) => r.order?.order_name === orderName));
        if (!result.pagination.has_next_page) break;
      }
      return found;
    },
    async approveReturn(id, body) {
      const json = checked(ApproveBodySchema, body);
      return (await call({ method: 'POST', path: `${returnPath(id)}/approve`, json }, ReturnEnvelopeSchema)).data;
    },
    async rejectReturn(id, body) {
      const json = checked(RejectBodySchema, body);
      return (await call({ method: 'POST', path: `${returnPath(id)}/reject`, json }, ReturnEnvelopeSchema)).data;
    },
    async resolveReturn(id, body) {
      const json = checked(ResolveBodySchema, body);
      return (await call({ method: 'POST', path: `${returnPath(id)}/resolve`, json }, ReturnEnvelopeSchema)).data;
    },
    async createReturnLink(body) {
      const json = checked(ReturnLinkBodySchema, body);
      return (await call({ method: 'POST', path: '/returns/link', json }, ReturnLinkEnvelopeSchema)).data.url;
    },
  };
}
