import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../test-fixtures';
import { summarizeActions } from './aggregate-actions';
import { formatActionChanges, formatActions } from './report-actions';
import type { SimulatedActions } from './simulate-actions';

const shippedOrder: SimulatedActions = {
  orderId: 'o1', orderName: '#1028',
  cancellation: { verdict: 'refused', reason: { clauseId: '8.1', key: 'policy:cancellation.refusal.shipped' } },
  addressChange: { verdict: 'refused', reason: { clauseId: '9.1', key: 'policy:addressChange.refusal.shipped' } },
  parcels: [{ parcelId: 'p1', problems: [
    { type: 'not_received', offered: true, outcome: 'reship', clauseId: '10.2' },
    { type: 'delivered_not_found', offered: false, reason: { clauseId: '10.3', key: 'policy:problems.refusal.notDelivered' } },
  ] }],
};
const freshOrder: SimulatedActions = { orderId: 'o2', orderName: '#1043', cancellation: { verdict: 'instant' }, addressChange: { verdict: 'offered' }, parcels: [] };

describe('the simulator report, besides returns', () => {
  const text = formatActions(summarizeActions([shippedOrder, freshOrder], buildPolicy())).join('\n');

  it('shows orders to cancel at once, for review and refused with a share, and refusals with clause, title and reason', () => {
    expect(text).toContain([
      'Cancellation, per order',
      '  Orders                           count      %',
      '  cancel at once                       1  50.0%',
      '  ask to cancel, our team reviews      0   0.0%',
      '  cannot be cancelled                  1  50.0%',
      '  total                                2',
    ].join('\n'));
    expect(text).toContain('  8.1  Cancel within 12 hours  shipped  1');
    expect(text).toContain('  9.1  Change it within 24 hours  shipped  1');
    expect(text).not.toContain('Cancellation reviews');
  });

  it('shows each problem type by what the store would do, and those not offered by clause and reason', () => {
    expect(text).toMatch(/Report\s+reship\s+refund\s+store credit\s+team reviews\s+not offered\n\s+parcel not received\s+1\s+0\s+0\s+0\s+0\n/);
    expect(text).toContain('  10.3  Delivered but not found  delivered but not found  notDelivered  1');
  });

  it('says in one line that a section the policy does not have is not offered', () => {
    const bare = buildPolicy((p) => {
      delete p.cancellation;
      delete p.problems;
    });
    const lines = formatActions(summarizeActions([shippedOrder], bare));
    expect(lines).toContain('Cancellation: not offered (the policy has no cancellation section).');
    expect(lines).toContain('Problem reports: not offered (the policy has no problems section).');
    expect(lines).toContain('Address change, per order');
  });

  it('shows a change as order, action, before → after and the reasons behind it', () => {
    const lines = formatActionChanges([{ action: 'cancellation', orderId: 'o', orderName: '#1047', before: 'instant', after: 'review', reasons: [{ clauseId: '8.1', key: 'policy:cancellation.review.orderValue' }] }]);
    expect(lines[1]).toBe('  #1047  cancel  cancel at once  →  ask to cancel, our team reviews  8.1 orderValue');
    expect(formatActionChanges([])).toEqual(['  no order is decided differently for cancelling or changing its address']);
  });
});
