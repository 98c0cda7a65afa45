import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../case-state';
import { toCancellationMove } from './order-news';

const at = new Date('2026-12-03T10:00:00Z');

describe('a cancellation the team is checking, on news of its order', () => {
  it('is done once the order is cancelled in Shopify, whoever did it', () => {
    expect(toCancellationMove('needs_review', { cancelledAt: '2026-12-03T09:59:00Z', shipped: false }, at))
      .toEqual({ to: 'completed', event: { at, type: 'order_cancelled_by_store', actor: 'store', data: { cancelledAt: '2026-12-03T09:59:00Z' } } });
  });

  it('is declined when a parcel leaves first, so the shopper is told they can return it', () => {
    expect(toCancellationMove('needs_review', { cancelledAt: null, shipped: true }, at)).toMatchObject({ to: 'declined', event: { type: 'order_shipped_first' } });
  });

  it('leaves every other state to the executor or to what already happened', () => {
    for (const state of CASE_STATES.filter((s) => s !== 'needs_review')) {
      expect(toCancellationMove(state, { cancelledAt: '2026-12-03T09:59:00Z', shipped: true }, at)).toBeNull();
    }
    expect(toCancellationMove('needs_review', { cancelledAt: null, shipped: false }, at)).toBeNull();
  });
});
