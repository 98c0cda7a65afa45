import { z } from 'zod';
import { parseListQuery, pathId, requireFound, type ApiContext } from './context.server';
import { paginate } from './pagination.server';
import { parseJsonBody } from './parse-body.server';
import { empty, HttpFailure, invalid, json } from './responses.server';
import { toTagJson } from './serialize.server';
import type { Store } from './store.server';

const TicketTagsSchema = z
  .object({ names: z.array(z.string().min(1)).optional(), ids: z.array(z.number().int().positive()).optional() })
  .refine((b) => (b.names?.length ?? 0) + (b.ids?.length ?? 0) > 0, 'Give tag names or ids.');

/** Tag ids for a body's names (created if missing; case-sensitive) and ids (which must exist). */
async function readTagIds(ctx: ApiContext, store: Store, failure: string): Promise<number[]> {
  const body = await parseJsonBody(ctx.request, TicketTagsSchema, failure);
  for (const id of body.ids ?? []) {
    if (!store.tags.has(id)) throw new HttpFailure(invalid(failure, { ids: [`Tag ${id} not found.`] }));
  }
  return [...(body.names ?? []).map((name) => store.ensureTag(name).id), ...(body.ids ?? [])];
}

/**
 * `/api/tickets/{id}/tags`: `GET` → `{data}`; `POST` adds → 201; `PUT` replaces → 202;
 * `DELETE` removes → 204; the write answers have empty bodies.
 */
export async function ticketTags(ctx: ApiContext): Promise<Response> {
  const ticket = requireFound(ctx.store.tickets.get(pathId(ctx)));
  const method = ctx.request.method;
  if (method === 'GET') return json({ data: ticket.tag_ids.flatMap((id) => { const t = ctx.store.tags.get(id); return t ? [toTagJson(t)] : []; }) });
  const ids = await readTagIds(ctx, ctx.store, 'Failed to update ticket tags');
  if (method === 'POST') ticket.tag_ids = [...new Set([...ticket.tag_ids, ...ids])];
  if (method === 'PUT') ticket.tag_ids = [...new Set(ids)];
  if (method === 'DELETE') ticket.tag_ids = ticket.tag_ids.filter((id) => !ids.includes(id));
  ticket.updated_datetime = ctx.store.now();
  return empty(method === 'POST' ? 201 : method === 'PUT' ? 202 : 204);
}

/** `GET /api/tags`, optionally filtered by exact `name`. */
export function listTags(ctx: ApiContext): Response {
  const query = parseListQuery(ctx.url, { name: z.string().optional() });
  const tags = [...ctx.store.tags.values()].filter((t) => query.name === undefined || t.name === query.name);
  return json(paginate(tags, query, '/api/tags', toTagJson));
}
