import { z } from 'zod';
import { ListParamsSchema } from './pagination.server';
import { parseWith } from './parse-body.server';
import { gorgiasError, HttpFailure } from './responses.server';
import type { Store, User } from './store.server';

/** What an authenticated `/api/…` endpoint gets. */
export type ApiContext = { request: Request; url: URL; store: Store; user: User; params: string[] };

/**
 * List query parameters: the shared cursor/limit/order_by plus the list's own filters. Unknown
 * parameters are a 400, as Gorgias says ("invalid or unknown params"), so a misspelt filter
 * does not silently return everything.
 */
export function parseListQuery<S extends z.ZodRawShape>(url: URL, filters: S, repeated: string[] = []) {
  const query: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    query[key] = repeated.includes(key) ? url.searchParams.getAll(key) : url.searchParams.get(key);
  }
  return parseWith(z.strictObject({ ...ListParamsSchema.shape, ...filters }), query, 'Invalid query parameters.');
}

/** The record or Gorgias' 404. */
export function requireFound<T>(value: T | undefined): T {
  if (value === undefined) throw new HttpFailure(gorgiasError(404, 'Resource not found.'));
  return value;
}

/** A positive integer path id, or a 404 (Gorgias answers unknown ids that way). */
export function pathId(ctx: ApiContext, index = 0): number {
  const id = Number(ctx.params[index]);
  return Number.isSafeInteger(id) && id > 0 ? id : -1;
}
