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
] as const;

export type CaseState = (typeof CASE_STATES)[number];

// A parcel may skip steps: the shopper may use their own carrier (no label), and a carrier may
// never report the parcel in transit before it is delivered.
const NEXT: Record<CaseState, readonly CaseState[]> = {
  // Needs review straight away when the store cannot be reached with the request at all.
  received: ['submitted_to_store', 'needs_review'],
  submitted_to_store: ['approved', 'declined', 'needs_review'],
  needs_review: ['approved', 'declined'],
  approved: ['label_issued', 'in_transit', 'received_by_store'],
  label_issued: ['in_transit', 'received_by_store'],
  in_transit: ['received_by_store'],
  received_by_store: ['refunded'],
  declined: [],
  refunded: [],
};

/** Whether a case may move from one state to the other; staying put is not a transition. */
export function canTransition(from: CaseState, to: CaseState): boolean {
  return NEXT[from].includes(to);
}

/** A state no transition leaves. */
export function isFinalState(state: CaseState): boolean {
  return NEXT[state].length === 0;
}

/**
 * The shortest way forward from one state to another, as the steps to take (`to` last): what a
 * store event needs when it reports a later state than the case has reached (a return closed
 * before Comptoir saw it approved). Empty when the case is already there, null when `to` is not
 * ahead of `from` — a replayed or late event then changes nothing.
 */
export function pathForward(from: CaseState, to: CaseState): CaseState[] | null {
  if (from === to) return [];
  const previous = new Map<CaseState, CaseState>();
  const queue: CaseState[] = [from];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const next of NEXT[state]) {
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
