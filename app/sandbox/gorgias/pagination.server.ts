import { z } from 'zod';
import { gorgiasError, HttpFailure } from './responses.server';

export const OrderBySchema = z
  .enum(['created_datetime:asc', 'created_datetime:desc', 'updated_datetime:asc', 'updated_datetime:desc'])
  .default('created_datetime:desc');

/** The query parameters every Gorgias list takes. */
export const ListParamsSchema = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1, 'Must be between 1 and 100.').max(100, 'Must be between 1 and 100.').default(30),
  order_by: OrderBySchema,
});

export type ListParams = z.infer<typeof ListParamsSchema>;

type Sortable = { id: number; created_datetime: string; updated_datetime: string };
type Position = { order: string; time: string; id: number; direction: 'next' | 'prev' };

const CursorSchema = z.object({ order: z.string(), time: z.string(), id: z.number().int(), direction: z.enum(['next', 'prev']) });

// Opaque to clients, as Gorgias' are; binding the order makes a cursor from another ordering a 400.
const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(cursor: string, order: string): Position {
  try {
    const position = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (position.order === order) return position;
  } catch {
    // Falls through to the 400 below.
  }
  throw new HttpFailure(gorgiasError(400, 'Invalid cursor.', { cursor: ['Invalid cursor.'] }));
}

/**
 * One page of `items` in Gorgias' list envelope. Items are ordered by the chosen datetime, then id;
 * a cursor marks the item a page ended (or began) on, so inserts do not shift later pages.
 */
export function paginate<T extends Sortable, J>(items: T[], params: ListParams, uri: string, toJson: (item: T) => J) {
  const [field, way] = params.order_by.split(':') as ['created_datetime' | 'updated_datetime', 'asc' | 'desc'];
  const sign = way === 'asc' ? 1 : -1;
  const compare = (a: { time: string; id: number }, b: { time: string; id: number }) =>
    sign * (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id - b.id);
  const keyed = items.map((item) => ({ item, time: item[field], id: item.id })).sort(compare);

  let start = 0;
  let end = Math.min(keyed.length, params.limit);
  if (params.cursor) {
    const at = decode(params.cursor, params.order_by);
    if (at.direction === 'next') {
      start = keyed.findIndex((k) => compare(k, at) > 0);
      if (start < 0) start = keyed.length;
      end = Math.min(keyed.length, start + params.limit);
    } else {
      end = keyed.findIndex((k) => compare(k, at) >= 0);
      if (end < 0) end = keyed.length;
      start = Math.max(0, end - params.limit);
    }
  }
  const page = keyed.slice(start, end);
  const first = page[0];
  const last = page.at(-1);
  return {
    object: 'list',
    uri,
    data: page.map((k) => toJson(k.item)),
    meta: {
      prev_cursor: first && start > 0 ? encode({ order: params.order_by, time: first.time, id: first.id, direction: 'prev' }) : null,
      next_cursor: last && end < keyed.length ? encode({ order: params.order_by, time: last.time, id: last.id, direction: 'next' }) : null,
      total_resources: null,
    },
  };
}
