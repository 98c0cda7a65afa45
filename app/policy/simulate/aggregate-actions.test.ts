import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../test-fixtures';
import { shortReasonKey, summarizeActions } from './aggregate-actions';
import type { ProblemSimulation, SimulatedActions } from './simulate-actions';

const policy = buildPolicy();
const refused = (clauseId: string, key: string) => ({ verdict: 'refused' as const, reason: { clauseId, key } });
const problem = (type: ProblemSimulation['type'], outcome: 'reship' | 'review' | `refusal.${string}`, clauseId = '10.2'): ProblemSimulation =>
  (outcome.startsWith('refusal.')
    ? { type, offered: false, reason: { clauseId, key: `policy:problems.${outcome}` } }
    : { type, offered: true, outcome: outcome as 'reship' | 'review', clauseId });

const order = (name: string, actions: Partial<SimulatedActions>): SimulatedActions => ({
  orderId: `gid://shopify/Order/${name}`, orderName: `#${name}`,
  cancellation: { verdict: 'instant' }, addressChange: { verdict: 'offered' }, parcels: [], ...actions,
});

/** A week of the store: two to cancel at once, one for review on two counts, two shipped and one already cancelled. */
const week = [
  order('1043', {}),
  order('1044', { addressChange: refused('9.2', 'policy:addressChange.refusal.excludedTag') }),
  order('1047', { cancellation: { verdict: 'review', reasons: [{ clauseId: '8.1', key: 'policy:cancellation.review.orderValue' }, { clauseId: '8.2', key: 'policy:cancellation.review.excludedTag' }] } }),
  order('1003', {
    cancellation: refused('8.1', 'policy:cancellation.refusal.shipped'), addressChange: refused('9.1', 'policy:addressChange.refusal.shipped'),
    parcels: [{ parcelId: 'p1', problems: [problem('not_received', 'refusal.notYet'), problem('delivery_question', 'review', '10.6')] }],
  }),
  order('1028', {
    cancellation: refused('8.1', 'policy:cancellation.refusal.shipped'), addressChange: refused('9.1', 'policy:addressChange.refusal.shipped'),
    parcels: [{ parcelId: 'p2', problems: [problem('not_received', 'reship'), problem('delivery_question', 'review', '10.6')] },
      { parcelId: 'p3', problems: [problem('not_received', 'refusal.notYet'), problem('delivery_question', 'refusal.questionDelivered', '10.6')] }],
  }),
  order('1009', { cancellation: refused('8.1', 'policy:cancellation.refusal.alreadyCancelled'), addressChange: refused('9.1', 'policy:addressChange.refusal.alreadyCancelled') }),
];

describe('summarizeActions', () => {
  const summary = summarizeActions(week, policy);

  it('counts orders to cancel at once, for review and refused, reviews under each of their reasons, refusals by clause and reason', () => {
    expect(summary.orders).toBe(6);
    expect(summary.cancellation).toEqual({
      instant: 2, review: 1, refused: 3,
      reviews: [
        { clauseId: '8.1', title: 'Cancel within 12 hours', reason: 'orderValue', count: 1 },
        { clauseId: '8.2', title: 'Made-to-order items', reason: 'excludedTag', count: 1 },
      ],
      refusals: [
        { clauseId: '8.1', title: 'Cancel within 12 hours', reason: 'shipped', count: 2 },
        { clauseId: '8.1', title: 'Cancel within 12 hours', reason: 'alreadyCancelled', count: 1 },
      ],
    });
  });

  it('counts address changes offered and refused, by clause and reason', () => {
    expect(summary.addressChange).toEqual({
      offered: 2, refused: 4,
      refusals: [
        { clauseId: '9.1', title: 'Change it within 24 hours', reason: 'shipped', count: 2 },
        { clauseId: '9.1', title: 'Change it within 24 hours', reason: 'alreadyCancelled', count: 1 },
        { clauseId: '9.2', title: 'Orders we are checking', reason: 'excludedTag', count: 1 },
      ],
    });
  });

  it('counts parcels per problem type by outcome, and those not offered by type, clause and reason', () => {
    const problems = summary.problems!;
    expect(problems.parcels).toBe(3);
    expect(problems.byType.not_received).toEqual({ reship: 1, refund: 0, store_credit: 0, review: 0, refused: 2 });
    expect(problems.byType.delivery_question).toEqual({ reship: 0, refund: 0, store_credit: 0, review: 2, refused: 1 });
    expect(problems.byType.damaged).toEqual({ reship: 0, refund: 0, store_credit: 0, review: 0, refused: 0 });
    expect(problems.refusals).toEqual([
      { clauseId: '10.2', title: 'A parcel that has not arrived', type: 'not_received', reason: 'notYet', count: 2 },
      { clauseId: '10.6', title: 'A question about a delivery', type: 'delivery_question', reason: 'questionDelivered', count: 1 },
    ]);
  });

  it('leaves out a section the policy does not have, and titles clauses in the language asked', () => {
    const bare = buildPolicy((p) => {
      delete p.cancellation;
      delete p.problems;
    });
    expect(summarizeActions(week, bare)).toMatchObject({ cancellation: null, problems: null, addressChange: { offered: 2 } });
    expect(summarizeActions(week, policy, 'fr').cancellation!.refusals[0]!.title).toBe('Annulation sous 12 heures');
  });

  it('shortens the engines’ keys to the reason alone', () => {
    expect(['policy:cancellation.refusal.shipped', 'policy:addressChange.refusal.windowClosed', 'policy:problems.review.question'].map(shortReasonKey))
      .toEqual(['shipped', 'windowClosed', 'question']);
  });
});
