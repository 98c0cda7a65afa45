import { KINDS, type CaseKind } from './kinds';

/**
 * Where a case stands. A return is `received` once Comptoir has saved it, `submitted_to_store`
 * once Shopify holds the return request, then decided. The states after `approved` follow the
 * parcel back to the store and the refund out of it.
 */
export const CASE_STATES = [
  'received',
  'submitted_to_store',
  'approved',
  'declined',
  'needs_review',
  'label_issued',
  'in_transit',
  'received_by_store',
  'refunded',
  /** The label provider (or an agent there) cancelled the return: final. */
  'return_cancelled',
  /** The label was never used before its deadline: final. */
  'label_expired',
  /** Carried out in Shopify (an order cancelled, an address changed): final. */
  'completed',
] as const;

export type CaseState = (typeof CASE_STATES)[number];

// What every kind of case goes through: saved, handed to the store, then decided. A kind adds the
// steps after its decision (`KINDS[kind].transitions`): a return follows its parcel back.
const SHARED_NEXT: Record<CaseState, readonly CaseState[]> = {
  // Needs review straight away when the store cannot be reached with the request at all.
  received: ['submitted_to_store', 'needs_review'],
  submitted_to_store: ['approved', 'declined', 'needs_review'],
  needs_review: ['approved', 'declined'],
  approved: [],
  label_issued: [],
  in_transit: [],
  received_by_store: [],
  declined: [],
  refunded: [],
  return_cancelled: [],
  label_expired: [],
  completed: [],
};

const nextStates = (kind: CaseKind, from: CaseState): readonly CaseState[] => [...SHARED_NEXT[from], ...(KINDS[kind].transitions[from] ?? [])];

/** Whether a case of this kind may move from one state to the other; staying put is not a transition. */
export function canTransition(kind: CaseKind, from: CaseState, to: CaseState): boolean {
  return nextStates(kind, from).includes(to);
}

/** A state no transition leaves, for this kind. */
export function isFinalState(kind: CaseKind, state: CaseState): boolean {
  return nextStates(kind, state).length === 0;
}

/**
 * The shortest way forward from one state to another, as the steps to take (`to` last): what a
 * store event needs when it reports a later state than the case has reached (a return closed
 * before Comptoir saw it approved). Empty when the case is already there, null when `to` is not
 * ahead of `from` — a replayed or late event then changes nothing.
 */
export function pathForward(kind: CaseKind, from: CaseState, to: CaseState): CaseState[] | null {
  if (from === to) return [];
  const previous = new Map<CaseState, CaseState>();
  const queue: CaseState[] = [from];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const next of nextStates(kind, state)) {
      if (next === from || previous.has(next)) continue;
      previous.set(next, state);
      if (next === to) {
        const path: CaseState[] = [to];
        for (let step = state; step !== from; step = previous.get(step)!) path.unshift(step);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}
