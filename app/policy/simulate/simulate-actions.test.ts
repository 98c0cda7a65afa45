import { describe, expect, it } from 'vitest';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Order } from '~/orders/types';
import { PARIS, buildPolicy } from '../test-fixtures';
import { simulateActions } from './simulate-actions';

/** Placed 9 November 14:30 UTC; the demo policy: cancel at once for 12 hours up to €300, address for 24 hours. */
const ORDERED = new Date('2026-11-09T14:30:00Z');
const HOURS = (n: number) => new Date(ORDERED.getTime() + n * 3_600_000);
const policy = buildPolicy();

const unshipped = (overrides: Partial<Order> = {}) =>
  anOrder({ createdAt: ORDERED, fulfillmentStatus: 'UNFULFILLED', parcels: [], lineItems: [aLine({ unfulfilledQuantity: 1 })], ...overrides });
const inTransit = (overrides: Partial<Order> = {}) => anOrder({ createdAt: ORDERED, ...overrides });
const failedDelivery = () => inTransit({ parcels: [aParcel({ status: 'failure' })] });

const simulate = (order: Order, now = HOURS(1), on = policy) => simulateActions({ order, policy: on, now, timeZone: PARIS });

describe('simulateActions', () => {
  it('offers an order nothing of which has shipped a cancellation at once and an address change, with no parcel to report on', () => {
    expect(simulate(unshipped())).toEqual({
      orderId: 'gid://shopify/Order/1', orderName: '#1001',
      cancellation: { verdict: 'instant' }, addressChange: { verdict: 'offered' }, parcels: [],
    });
  });

  it('sends a cancellation to review with the engine’s reasons: above the value limit, or past the 12 hours', () => {
    expect(simulate(unshipped({ total: { amount: '350.00', currencyCode: 'EUR' } })).cancellation)
      .toEqual({ verdict: 'review', reasons: [{ clauseId: '8.1', key: 'policy:cancellation.review.orderValue' }] });
    const late = simulate(unshipped(), HOURS(13));
    expect(late.cancellation).toEqual({ verdict: 'review', reasons: [{ clauseId: '8.1', key: 'policy:cancellation.review.pastWindow' }] });
    expect(late.addressChange).toEqual({ verdict: 'offered' });
    expect(simulate(unshipped(), HOURS(25)).addressChange)
      .toEqual({ verdict: 'refused', reason: { clauseId: '9.1', key: 'policy:addressChange.refusal.windowClosed' } });
  });

  it('refuses both for an order in transit, with the clause, and says per parcel which problem reports are offered', () => {
    const result = simulate(inTransit(), new Date('2026-11-12T10:00:00Z'));
    expect(result.cancellation).toEqual({ verdict: 'refused', reason: { clauseId: '8.1', key: 'policy:cancellation.refusal.shipped' } });
    expect(result.addressChange).toEqual({ verdict: 'refused', reason: { clauseId: '9.1', key: 'policy:addressChange.refusal.shipped' } });
    expect(result.parcels).toEqual([{
      parcelId: 'gid://shopify/Fulfillment/1',
      problems: [
        { type: 'not_received', offered: false, reason: { clauseId: '10.2', key: 'policy:problems.refusal.notYet' } },
        { type: 'delivered_not_found', offered: false, reason: { clauseId: '10.3', key: 'policy:problems.refusal.notDelivered' } },
        { type: 'missing_item', offered: false, reason: { clauseId: '10.4', key: 'policy:problems.refusal.notDelivered' } },
        { type: 'damaged', offered: false, reason: { clauseId: '10.5', key: 'policy:problems.refusal.notDelivered' } },
        { type: 'wrong_item', offered: false, reason: { clauseId: '10.5', key: 'policy:problems.refusal.notDelivered' } },
        { type: 'delivery_question', offered: true, outcome: 'review', clauseId: '10.6' },
      ],
    }]);
  });

  it('offers a reship for a parcel the carrier gave up on', () => {
    const [parcel] = simulate(failedDelivery(), new Date('2026-11-12T10:00:00Z')).parcels;
    expect(parcel!.problems[0]).toEqual({ type: 'not_received', offered: true, outcome: 'reship', clauseId: '10.2' });
  });

  it('refuses every action as not offered when the policy has none of the sections', () => {
    const bare = buildPolicy((p) => {
      delete p.cancellation;
      delete p.addressChange;
      delete p.problems;
    });
    const result = simulate(failedDelivery(), HOURS(1), bare);
    expect(result.cancellation).toEqual({ verdict: 'refused', reason: { clauseId: '1.1', key: 'policy:cancellation.refusal.notOffered' } });
    expect(result.addressChange).toEqual({ verdict: 'refused', reason: { clauseId: '1.1', key: 'policy:addressChange.refusal.notOffered' } });
    expect(result.parcels[0]!.problems.every((problem) => !problem.offered && problem.reason.key === 'policy:problems.refusal.notOffered')).toBe(true);
  });
});
