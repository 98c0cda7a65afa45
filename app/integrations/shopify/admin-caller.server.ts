import type { z } from 'zod';
import { UpstreamError } from '~/utils/upstream-error';
import type { ShopifyGraphqlClient } from './client.server';
import { readCost, toUpstreamError } from './errors.server';
import { createThrottleGate, type ThrottleGate } from './throttle.server';

export type AdminCall = <T>(query: string, variables: Record<string, unknown>, schema: z.ZodType<T>) => Promise<T>;

/** Requested cost assumed for a document Shopify has not priced for us yet. */
const DEFAULT_EXPECTED_COST = 250;

/**
 * The one way Comptoir calls the Admin API: waits for the leaky bucket when the last
 * `throttleStatus` says so, turns failures into UpstreamError, and parses `data` with zod.
 * Expected costs are kept per document, so a cheap mutation never waits for room for a dear read.
 */
export function createAdminCaller(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): AdminCall {
  const gate = deps.gate ?? createThrottleGate();
  const expectedCost = new Map<string, number>();

  /** The dearest cost seen for a document: its variables (a page size, an `@include`) may change it. */
  const remember = (query: string, requested: number) => expectedCost.set(query, Math.max(expectedCost.get(query) ?? 0, requested));

  /**
   * One request. A document dearer than expected (priced here for the first time, or with other
   * variables) may find the bucket too low: Shopify's refusal names its cost, so that is waited for
   * (within the gate's limit) and the request is sent once more.
   */
  async function request(query: string, variables: Record<string, unknown>): Promise<{ data: unknown; extensions: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const expected = expectedCost.get(query) ?? DEFAULT_EXPECTED_COST;
      await gate.beforeRequest(expected);
      try {
        return await deps.client.request(query, variables);
      } catch (error) {
        const cost = readCost((error as { body?: { extensions?: unknown } }).body?.extensions);
        const upstream = toUpstreamError(error);
        if (!cost) throw upstream;
        gate.record(cost.throttleStatus);
        remember(query, cost.requestedQueryCost);
        if (upstream.code !== 'THROTTLED' || cost.requestedQueryCost <= expected || attempt > 0) throw upstream;
      }
    }
  }

  return async (query, variables, schema) => {
    const response = await request(query, variables);
    const cost = readCost(response.extensions);
    if (cost) {
      gate.record(cost.throttleStatus);
      remember(query, cost.requestedQueryCost);
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause: parsed.error });
    }
    return parsed.data;
  };
}
