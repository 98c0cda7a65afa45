import type { EmulatedReturn, LabelStatus, LoopStore } from './store.server';

/*
 * What a person (or a test) can make happen to a return after it was made, in the order it
 * happens in life: the carrier scans the parcel, delivers it at the warehouse, the store checks
 * it and closes the return, then refunds it — or the return is cancelled, or its label expires
 * unused. Each step says which webhook Loop sends for it.
 */

type Step = { label: string; allowed: (r: EmulatedReturn) => boolean; apply: (r: EmulatedReturn, store: LoopStore) => void; trigger: string };

const labelIn = (r: EmulatedReturn, ...statuses: LabelStatus[]) => statuses.includes(r.label.status);
const setLabel = (status: LabelStatus) => (r: EmulatedReturn) => void (r.label.status = status);

export const TRANSITIONS = {
  'in-transit': { label: 'Carrier scans the parcel', allowed: (r) => r.state === 'open' && labelIn(r, 'new', 'pre_transit'), apply: setLabel('in_transit'), trigger: 'label.updated' },
  'out-for-delivery': { label: 'Out for delivery', allowed: (r) => r.state === 'open' && labelIn(r, 'in_transit'), apply: setLabel('out_for_delivery'), trigger: 'label.updated' },
  delivered: { label: 'Delivered to the store', allowed: (r) => r.state === 'open' && labelIn(r, 'in_transit', 'out_for_delivery'), apply: setLabel('delivered'), trigger: 'label.updated' },
  'label-failure': { label: 'Carrier reports a failure', allowed: (r) => r.state === 'open' && !labelIn(r, 'delivered', 'failure'), apply: setLabel('failure'), trigger: 'label.updated' },
  receive: { label: 'Store receives it (close)', allowed: (r) => r.state === 'open' || r.state === 'review', apply: (r) => void (r.state = 'closed'), trigger: 'return.closed' },
  refund: { label: 'Refund', allowed: (r) => r.state === 'closed' && r.refunds.length === 0, apply: (r, store) => store.refund(r), trigger: 'return.updated' },
  cancel: { label: 'Cancel the return', allowed: (r) => r.state === 'open' || r.state === 'review', apply: (r) => void (r.state = 'cancelled'), trigger: 'return.updated' },
  expire: { label: 'Label expires unused', allowed: (r) => r.state === 'open' && labelIn(r, 'new', 'pre_transit'), apply: (r) => void (r.state = 'expired'), trigger: 'return.updated' },
} satisfies Record<string, Step>;

export type TransitionName = keyof typeof TRANSITIONS;
export const isTransition = (name: string): name is TransitionName => Object.hasOwn(TRANSITIONS, name);

/** Applies a step at `now`; false when the return is not where that step can happen. */
export function applyTransition(store: LoopStore, target: EmulatedReturn, name: TransitionName, now: Date): { trigger: string } | null {
  const step: Step = TRANSITIONS[name];
  if (!step.allowed(target)) return null;
  step.apply(target, store);
  target.updatedAt = now.toISOString();
  if (step.trigger.startsWith('label.')) target.label.updatedAt = target.updatedAt;
  return { trigger: step.trigger };
}
