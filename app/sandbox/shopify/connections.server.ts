import { GraphQLError, isObjectType, type GraphQLNamedType } from 'graphql';

/** Shopify's connection types: a `*Connection` object with `edges`, `nodes` and `pageInfo`. */
export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

export type PageArgs = { first?: number | null; last?: number | null; after?: string | null; before?: string | null; reverse?: boolean | null };

type Keyed = { id?: unknown };

/** Numeric id used in cursors; items without an id (e.g. returnable line items) use their position. */
function cursorIdOf(item: unknown, index: number): number {
  const id = (item as Keyed | null)?.id;
  if (typeof id === 'string') {
    const numeric = Number(id.slice(id.lastIndexOf('/') + 1));
    if (Number.isFinite(numeric)) return numeric;
  }
  return index + 1;
}

/** Opaque cursors shaped like Shopify's: base64 of `{"last_id":…,"last_value":…}`. */
function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: id })).toString('base64');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown };
    if (typeof parsed.last_id === 'number') return parsed.last_id;
  } catch {
    // fall through to the GraphQL error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`);
}

/**
 * Relay pagination over an already sorted list, as the Admin API does it: `first` or `last` is
 * mandatory, `reverse` flips the sort, and page info tells whether items lie outside the page.
 */
export function toConnection(all: readonly unknown[], args: PageArgs) {
  const { first, last, after, before } = args;
  if (typeof first !== 'number' && typeof last !== 'number') {
    throw new GraphQLError('you must provide one of first or last');
  }
  if ((typeof first === 'number' && first < 0) || (typeof last === 'number' && last < 0)) {
    throw new GraphQLError('first and last must be non-negative');
  }
  const keyed = all.map((node, index) => ({ node, id: cursorIdOf(node, index) }));
  const ordered = args.reverse ? [...keyed].reverse() : keyed;
  let start = 0;
  let end = ordered.length;
  if (after) {
    const id = decodeCursor(after);
    const at = ordered.findIndex((entry) => entry.id === id);
    start = at >= 0 ? at + 1 : ordered.length;
  }
  if (before) {
    const id = decodeCursor(before);
    const at = ordered.findIndex((entry) => entry.id === id);
    end = at >= 0 ? Math.max(at, start) : end;
  }
  if (typeof first === 'number') end = Math.min(end, start + first);
  if (typeof last === 'number') start = Math.max(start, end - last);
  const page = ordered.slice(start, end);
  const edges = page.map((entry) => ({ cursor: encodeCursor(entry.id), node: entry.node }));
  return {
    edges,
    nodes: page.map((entry) => entry.node),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
