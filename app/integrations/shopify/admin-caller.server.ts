import type { z } from 'zod';
import { UpstreamError } from '~/utils/upstream-error';
import type { ShopifyGraphqlClient } from './client.server';
import { readCost, toUpstreamError } from './errors.server';
import { createThrottleGate, type ThrottleGate } from './throttle.server';

export type AdminCall = <T>(query: string, variables: Record<string, unknown>, schema: z.ZodType<T>) => Promise<T>;

/** Requested cost assumed for a document Shopify has not priced for us yet. */
const DEFAULT_EXPECTED_COST = 250;

/**
 * The one way Comptoir calls the Admin API: waits its turn in the shop's bucket (throttle.server.ts),
 * turns failures into UpstreamError, and parses `data` with zod. Expected costs are kept per
 * document, so a cheap mutation never waits for room for a dear read.
 */
export function createAdminCaller(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): AdminCall {
  const gate = deps.gate ?? createThrottleGate();
  const expectedCost = new Map<string, { requested: number; charged: number | null }>();

  /**
   * The dearest costs seen for a document, requested and charged: its variables (a page size, an
   * `@include`) may change them.
   */
  const remember = (query: string, requested: number, charged: number | null) => {
    const known = expectedCost.get(query);
    const dearest = charged === null ? known?.charged ?? null : Math.max(known?.charged ?? 0, charged);
    expectedCost.set(query, { requested: Math.max(known?.requested ?? 0, requested), charged: dearest });
  };

  /**
   * One request. Shopify may refuse it THROTTLED: the bucket drained elsewhere (another app's
   * process, or a document dearer than expected, priced here for the first time or with other
   * variables). Its answer says how full the bucket is and what the document costs, so the gate
   * waits for that (within its limit) and the request is sent once more.
   */
  async function request(query: string, variables: Record<string, unknown>): Promise<{ data: unknown; extensions: unknown; reserved: number }> {
    for (let attempt = 0; ; attempt++) {
      const known = expectedCost.get(query);
      const requested = known?.requested ?? DEFAULT_EXPECTED_COST;
      const reserved = known?.charged ?? requested;
      await gate.beforeRequest(requested, reserved);
      try {
        return { ...(await deps.client.request(query, variables)), reserved };
      } catch (error) {
        const cost = readCost((error as { body?: { extensions?: unknown } }).body?.extensions);
        const upstream = toUpstreamError(error);
        if (!cost) throw upstream;
        gate.record(cost.throttleStatus, { reserved, actual: cost.actualQueryCost });
        remember(query, cost.requestedQueryCost, cost.actualQueryCost);
        if (upstream.code !== 'THROTTLED' || attempt > 0) throw upstream;
      }
    }
  }

  return async (query, variables, schema) => {
    const response = await request(query, variables);
    const cost = readCost(response.extensions);
    if (cost) {
      gate.record(cost.throttleStatus, { reserved: response.reserved, actual: cost.actualQueryCost });
      remember(query, cost.requestedQueryCost, cost.actualQueryCost);
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause: parsed.error });
    }
    return parsed.data;
  };
}
