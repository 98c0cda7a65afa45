import { describe, expect, it } from 'vitest';
import { findReviewReturnId, toAgentName, toReviewStatus } from './agent-review';
import type { Case } from './case-store';
import type { CaseState } from './case-state';
import type { CaseLine, ReturnDetails } from './return/details';

const opened = (returns: string[]) => ({ type: 'shopify.returns_opened', data: { returns } });
const line = (decision: CaseLine['decision']) => ({ decision }) as CaseLine;

const reviewed = (state: CaseState, lines: CaseLine[]) => ({ kind: 'return', state, details: { lines } as ReturnDetails }) as Case;

describe('what an agent may still decide', () => {
  it('finds the return request, not the return opened for auto-approved lines', () => {
    expect(findReviewReturnId([opened(['create:gid://shopify/Return/1:OPEN', 'request:gid://shopify/Return/2:REQUESTED'])])).toBe('gid://shopify/Return/2');
    expect(findReviewReturnId([opened(['create:gid://shopify/Return/1:OPEN'])])).toBeNull();
    expect(findReviewReturnId([{ type: 'store_refused', data: { returns: ['request:gid://shopify/Return/3:REQUESTED'] } }])).toBeNull();
  });

  it('offers the buttons only while the request waits for the store', () => {
    const events = [opened(['request:gid://shopify/Return/2:REQUESTED'])];
    expect(toReviewStatus(reviewed('needs_review', [line('needs_review')]), events)).toEqual({ status: 'open', returnId: 'gid://shopify/Return/2' });
    expect(toReviewStatus(reviewed('approved', [line('needs_review')]), events)).toMatchObject({ status: 'decided', outcome: 'approved' });
    expect(toReviewStatus(reviewed('declined', [line('needs_review')]), events)).toMatchObject({ status: 'decided', outcome: 'declined' });
    // Declined while the auto-approved lines go on: the case is approved, the request declined.
    const mixed = [...events, { type: 'declined_by_store', data: {} }];
    expect(toReviewStatus(reviewed('approved', [line('approved'), line('needs_review')]), mixed)).toMatchObject({ status: 'decided', outcome: 'declined' });
    // Shopify refused the request: nothing to approve here.
    expect(toReviewStatus(reviewed('needs_review', [line('needs_review')]), [])).toEqual({ status: 'none' });
    expect(toReviewStatus(reviewed('approved', [line('approved')]), [])).toEqual({ status: 'none' });
  });

  it('keeps a typed agent name to one short line', () => {
    expect(toAgentName('  Marie\n\tDupont\u0000 ')).toBe('Marie Dupont');
    expect(toAgentName('')).toBeNull();
    expect(toAgentName(null)).toBeNull();
    expect(toAgentName('x'.repeat(300))).toHaveLength(80);
  });
});
