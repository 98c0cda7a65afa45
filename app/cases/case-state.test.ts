import { describe, expect, it } from 'vitest';
import { CASE_STATES, canTransition, isFinalState, pathForward, type CaseState } from './case-state';
import type { CaseKind } from './kinds';

describe('canTransition', () => {
  it.each<[CaseState, CaseState]>([
    ['received', 'submitted_to_store'],
    ['received', 'needs_review'],
    ['submitted_to_store', 'approved'],
    ['submitted_to_store', 'declined'],
    ['submitted_to_store', 'needs_review'],
    ['needs_review', 'approved'],
    ['needs_review', 'declined'],
    ['approved', 'label_issued'],
    ['approved', 'in_transit'],
    ['label_issued', 'in_transit'],
    ['in_transit', 'received_by_store'],
    ['received_by_store', 'refunded'],
    // A store may refund on the carrier's scan, before it checks the items.
    ['in_transit', 'refunded'],
    ['label_issued', 'refunded'],
    ['approved', 'return_cancelled'],
    ['label_issued', 'return_cancelled'],
    ['in_transit', 'return_cancelled'],
    ['label_issued', 'label_expired'],
  ])('lets a case go from %s to %s', (from, to) => {
    expect(canTransition('return', from, to)).toBe(true);
  });

  it.each<[CaseState, CaseState]>([
    // Shopify has to hold the request before anyone can decide on it.
    ['received', 'approved'],
    ['received', 'declined'],
    ['approved', 'declined'],
    ['declined', 'approved'],
    ['submitted_to_store', 'received'],
    ['approved', 'refunded'],
    ['in_transit', 'label_issued'],
    ['refunded', 'received_by_store'],
    // A parcel on its way is past its label's deadline; a received one cannot be cancelled.
    ['in_transit', 'label_expired'],
    ['received_by_store', 'return_cancelled'],
    ['return_cancelled', 'label_issued'],
    ['label_expired', 'label_issued'],
  ])('refuses %s to %s', (from, to) => {
    expect(canTransition('return', from, to)).toBe(false);
  });

  it('never treats staying in the same state as a transition', () => {
    for (const state of CASE_STATES) expect(canTransition('return', state, state)).toBe(false);
  });

  const reachable = (kind: CaseKind, from: CaseState) => {
    const seen = new Set<CaseState>([from]);
    const queue = [from];
    for (let state = queue.shift(); state; state = queue.shift()) {
      for (const next of CASE_STATES) {
        if (canTransition(kind, state, next) && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  };

  it('ends a return only in declined, refunded, a cancelled return or an expired label', () => {
    const states = [...reachable('return', 'received')];
    expect(states.filter((state) => isFinalState('return', state))).toEqual(expect.arrayContaining(['declined', 'refunded', 'return_cancelled', 'label_expired']));
    expect(states.filter((state) => isFinalState('return', state))).toHaveLength(4);
    for (const to of CASE_STATES) {
      for (const final of ['declined', 'refunded', 'return_cancelled', 'label_expired'] as const) expect(canTransition('return', final, to)).toBe(false);
    }
  });

  it('reaches every return state but `completed` from received, and a final state from every state', () => {
    expect([...reachable('return', 'received')].sort()).toEqual(CASE_STATES.filter((state) => state !== 'completed').sort());
    for (const state of CASE_STATES) {
      expect([...reachable('return', state)].some((state) => isFinalState('return', state))).toBe(true);
    }
  });

  it('ends a cancellation only as completed (the order cancelled in Shopify) or declined, never in a parcel state', () => {
    const states = reachable('cancellation', 'received');
    expect(states.has('completed')).toBe(true);
    for (const parcelState of ['label_issued', 'in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'] as const) expect(states.has(parcelState)).toBe(false);
    expect([...states].filter((state) => isFinalState('cancellation', state)).sort()).toEqual(['completed', 'declined']);
    // The team's check ends either way, and Shopify's refusal of an approved one goes back to it.
    expect(canTransition('cancellation', 'needs_review', 'completed')).toBe(true);
    expect(canTransition('cancellation', 'approved', 'needs_review')).toBe(true);
    expect(canTransition('return', 'received', 'completed')).toBe(false);
  });
});

describe('pathForward', () => {
  it('walks every step between two states, the target last', () => {
    expect(pathForward('return', 'needs_review', 'refunded')).toEqual(['approved', 'received_by_store', 'refunded']);
    expect(pathForward('return', 'submitted_to_store', 'approved')).toEqual(['approved']);
  });

  it('refunds an approved case through its receipt, never through a label it never had', () => {
    expect(pathForward('return', 'approved', 'refunded')).toEqual(['received_by_store', 'refunded']);
    expect(pathForward('return', 'in_transit', 'refunded')).toEqual(['refunded']);
  });

  it('goes nowhere when the case is already there', () => {
    expect(pathForward('return', 'approved', 'approved')).toEqual([]);
  });

  it('never goes back: a late event for an earlier state has no path', () => {
    expect(pathForward('return', 'refunded', 'approved')).toBeNull();
    expect(pathForward('return', 'received_by_store', 'approved')).toBeNull();
    expect(pathForward('return', 'declined', 'approved')).toBeNull();
    expect(pathForward('return', 'approved', 'declined')).toBeNull();
  });

  it('gives only paths the state machine allows', () => {
    for (const from of CASE_STATES) {
      for (const to of CASE_STATES) {
        const path = pathForward('return', from, to);
        if (!path) continue;
        [from, ...path].slice(0, -1).forEach((state, index) => expect(canTransition('return', state, path[index]!)).toBe(true));
      }
    }
  });
});
