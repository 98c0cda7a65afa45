import { describe, expect, it } from 'vitest';
import { HttpFailure } from './responses.server';
import { ListParamsSchema, paginate } from './pagination.server';

const items = Array.from({ length: 7 }, (_, i) => ({
  id: i + 1,
  // Two items share a timestamp: the id breaks the tie.
  created_datetime: `2026-11-21T10:00:0${Math.min(i, 5)}.000000`,
  updated_datetime: `2026-11-21T11:00:0${6 - i}.000000`,
}));
const ids = (page: { data: number[] }) => page.data;
const params = (query: Record<string, string>) => ListParamsSchema.parse(query);

describe('paginate', () => {
  it('walks forward and back with opaque cursors, null at both ends', () => {
    const first = paginate(items, params({ limit: '3', order_by: 'created_datetime:asc' }), '/api/x', (i) => i.id);
    expect([ids(first), first.meta.prev_cursor]).toEqual([[1, 2, 3], null]);
    const second = paginate(items, params({ limit: '3', order_by: 'created_datetime:asc', cursor: first.meta.next_cursor! }), '/api/x', (i) => i.id);
    expect(ids(second)).toEqual([4, 5, 6]);
    const third = paginate(items, params({ limit: '3', order_by: 'created_datetime:asc', cursor: second.meta.next_cursor! }), '/api/x', (i) => i.id);
    expect([ids(third), third.meta.next_cursor]).toEqual([[7], null]);
    const back = paginate(items, params({ limit: '3', order_by: 'created_datetime:asc', cursor: third.meta.prev_cursor! }), '/api/x', (i) => i.id);
    expect(ids(back)).toEqual([4, 5, 6]);
  });

  it('orders by created (newest first by default) or updated datetime', () => {
    expect(ids(paginate(items, params({}), '/api/x', (i) => i.id))).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(ids(paginate(items, params({ order_by: 'updated_datetime:asc', limit: '2' }), '/api/x', (i) => i.id))).toEqual([7, 6]);
  });

  it('refuses a cursor made for another ordering, and limits outside 1..100', () => {
    const first = paginate(items, params({ limit: '2' }), '/api/x', (i) => i.id);
    expect(() => paginate(items, params({ order_by: 'updated_datetime:asc', cursor: first.meta.next_cursor! }), '/api/x', (i) => i.id)).toThrow(HttpFailure);
    expect(ListParamsSchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(ListParamsSchema.safeParse({ limit: '0' }).success).toBe(false);
  });
});
