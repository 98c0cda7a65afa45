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
