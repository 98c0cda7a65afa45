import { describe, expect, it } from 'vitest';
import { parseNoteEventIds, TOGETHER_MS, toNoteBatches, toToldEventIds } from './note-batches';

const CASE = 'C-7KQ2M9XA';
const t0 = Date.parse('2026-03-01T10:00:00Z');
const event = (id: number, type: string, msAfter: number) => ({ id, type, at: new Date(t0 + msAfter) });
const ids = (batches: { events: { id: number }[] }[]) => batches.map((batch) => batch.events.map((e) => e.id));

// A submitted, auto-approved return: the context, then three events within milliseconds.
const submitted = [event(1, 'received', 0), event(2, 'shopify.returns_opened', 900), event(3, 'submitted_to_store', 905), event(4, 'approved_by_store', 910)];

describe('which events share a note', () => {
  it('gives the context its own note and the three submission events one note', () => {
    const batches = toNoteBatches(CASE, submitted, new Set());
    expect(ids(batches)).toEqual([[1], [2, 3, 4]]);
    expect(batches.map((batch) => batch.externalId)).toEqual([`${CASE}:event:1`, `${CASE}:events:2+3+4`]);
  });

  it('keeps events apart that are more than a minute from the one before them', () => {
    const later = [...submitted, event(5, 'return_closed', 910 + TOGETHER_MS + 1), event(6, 'refunded_by_store', 910 + TOGETHER_MS + 2)];
    expect(ids(toNoteBatches(CASE, later, new Set()))).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('posts only what the ticket lacks, however an earlier sync batched it', () => {
    // A sync ran between the first Shopify event and the next two: they follow in a note of their own.
    expect(ids(toNoteBatches(CASE, submitted, new Set([1, 2])))).toEqual([[3, 4]]);
    const told = toToldEventIds(CASE, [`${CASE}:event:1`, `${CASE}:events:2+3+4`, `${CASE}:reply`, `${CASE}:opened`, 'C-OTHERCAS:event:5']);
    expect([...told].sort()).toEqual([1, 2, 3, 4]);
    expect(toNoteBatches(CASE, submitted, told)).toEqual([]);
  });

  it('never lets a batch straddle an event already told (an event that committed late)', () => {
    expect(ids(toNoteBatches(CASE, submitted, new Set([1, 3])))).toEqual([[2], [4]]);
  });

  it('caps a note at ten events, keeping its external_id short', () => {
    const burst = Array.from({ length: 23 }, (_, i) => event(100 + i, 'something', i));
    const batches = toNoteBatches(CASE, burst, new Set());
    expect(batches.map((batch) => batch.events.length)).toEqual([10, 10, 3]);
    expect(Math.max(...batches.map((batch) => batch.externalId.length))).toBeLessThan(255);
  });

  it("reads only this case's note ids", () => {
    expect(parseNoteEventIds(CASE, `${CASE}:events:2+3+4`)).toEqual([2, 3, 4]);
    expect(parseNoteEventIds(CASE, `${CASE}:event:12`)).toEqual([12]);
    for (const other of [null, `${CASE}:reply`, `${CASE}:opened`, `${CASE}:events:`, `${CASE}:events:2+`, `C-7KQ2M9XB:event:1`, `${CASE}:event:1x`]) {
      expect(parseNoteEventIds(CASE, other), String(other)).toBeNull();
    }
  });
});
