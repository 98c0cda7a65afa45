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

  return async (query, variables, schema) => {
    await gate.beforeRequest(expectedCost.get(query) ?? DEFAULT_EXPECTED_COST);
    let response: { data: unknown; extensions: unknown };
    try {
      response = await deps.client.request(query, variables);
    } catch (error) {
      const cost = readCost((error as { body?: { extensions?: unknown } }).body?.extensions);
      if (cost) gate.record(cost.throttleStatus);
      throw toUpstreamError(error);
    }
    const cost = readCost(response.extensions);
    if (cost) {
      gate.record(cost.throttleStatus);
      expectedCost.set(query, cost.requestedQueryCost);
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause: parsed.error });
    }
    return parsed.data;
  };
}
