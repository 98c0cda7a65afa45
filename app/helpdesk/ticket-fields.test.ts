import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '~/cases/case-store';
import type { CaseLine, ReturnDetails } from '~/cases/return/details';
import type { CaseState } from '~/cases/case-state';
import { isNotedEvent, toStaleVerdictTags, toTaggedVerdicts, toTicketTags, toVerdictTag } from './ticket-fields';

const line = (decision: CaseLine['decision'], reasonId = 'defective') => ({ reasonId, decision }) as CaseLine;
const returnOf = (lines: CaseLine[]) => ({ lines }) as ReturnDetails;
const verdict = (state: CaseState, ...decisions: CaseLine['decision'][]) => toVerdictTag({ kind: 'return', state, details: returnOf(decisions.map((d) => line(d))) });

describe('verdict tag', () => {
  it('follows the policy until the store answers, then the store', () => {
    expect(verdict('received', 'approved', 'approved')).toBe('auto-approved');
    expect(verdict('submitted_to_store', 'approved', 'needs_review')).toBe('needs-review');
    expect(verdict('received', 'declined', 'declined')).toBe('refused');
    expect(verdict('needs_review', 'approved')).toBe('needs-review');
    // Approved after review: the line still says needs_review, the case no longer does.
    for (const state of ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded'] as const) expect(verdict(state, 'needs_review')).toBe('auto-approved');
    expect(verdict('declined', 'needs_review')).toBe('refused');
  });

  it('tags the kind, the one current verdict and the reasons, and never notes its own bookkeeping', () => {
    expect(toTicketTags({ kind: 'return', state: 'received', details: returnOf([line('approved'), line('approved', 'size-too-small')]) }))
      .toEqual(['comptoir', 'return', 'auto-approved', 'defective', 'size-too-small']);
    expect(toTicketTags({ kind: 'return', state: 'needs_review', details: returnOf([line('approved')]) })).toContain('needs-review');
    expect(toTicketTags({ kind: 'return', state: 'received', details: returnOf([line('approved')]) })).not.toContain('exchange');
    expect([isNotedEvent({ type: 'gorgias.verdict_tagged' }), isNotedEvent({ type: 'helpdesk_failed' }), isNotedEvent({ type: 'approved_by_store' })]).toEqual([false, false, true]);
  });
});

describe('exchange tag', () => {
  it('tags the ticket `exchange` once, when any item comes back for a new one', () => {
    const exchanged = { ...line('approved', 'size-too-small'), outcome: 'exchange' } as CaseLine;
    const refunded = { ...line('approved'), outcome: 'refund' } as CaseLine;
    expect(toTicketTags({ kind: 'return', state: 'received', details: returnOf([refunded, exchanged, { ...exchanged }]) }))
      .toEqual(['comptoir', 'return', 'auto-approved', 'defective', 'size-too-small', 'exchange']);
    expect(toTicketTags({ kind: 'return', state: 'received', details: returnOf([refunded, { ...refunded, outcome: 'store_credit' }]) })).not.toContain('exchange');
  });
});

describe('stale verdict tags', () => {
  const events: Pick<CaseEvent, 'type' | 'data'>[] = [
    { type: 'received', data: {} },
    { type: 'gorgias.verdict_tagged', data: { tag: 'needs-review' } },
    { type: 'gorgias.verdict_tagged', data: { tag: 'bogus' } },
    { type: 'gorgias.verdict_tagged', data: { tag: 'auto-approved' } },
  ];

  it('reads the verdict tags the case put on its ticket, in order', () => {
    expect(toTaggedVerdicts(events)).toEqual(['needs-review', 'auto-approved']);
  });

  it('takes off only what the portal put there and nobody stands for any more', () => {
    const ours = toTaggedVerdicts(events);
    const ticket = ['comptoir', 'return', 'needs-review', 'auto-approved', 'refused', 'vip'];
    expect(toStaleVerdictTags(ticket, ours, ['auto-approved'])).toEqual(['needs-review']);
    // Another case on the same ticket still needs review.
    expect(toStaleVerdictTags(ticket, ours, ['auto-approved', 'needs-review'])).toEqual([]);
    // "refused" was an agent's: never ours, never removed.
    expect(toStaleVerdictTags(ticket, ours, [])).toEqual(['needs-review', 'auto-approved']);
    expect(toStaleVerdictTags(['refused'], [], ['auto-approved'])).toEqual([]);
  });
});
