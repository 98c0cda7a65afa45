import type { Order } from '~/orders/types';
import { decideAddressChange } from '../address-change';
import { cancellationFactsOf, decideCancellation } from '../cancellation';
import type { Policy } from '../policy-schema';
import { listProblemOptions, type ProblemOutcome, type ProblemType } from '../problems';

/** An engine's reason, kept as its i18n key: `{ clauseId: '8.1', key: 'policy:cancellation.refusal.shipped' }`. */
export type ReasonRef = { clauseId: string; key: string };

export type CancellationSimulation =
  | { verdict: 'instant' }
  | { verdict: 'review'; reasons: ReasonRef[] }
  | { verdict: 'refused'; reason: ReasonRef };

export type AddressChangeSimulation = { verdict: 'offered' } | { verdict: 'refused'; reason: ReasonRef };

/**
 * One report about one parcel. The outcome is the one offered before the shopper picks items:
 * a value limit may still send a chosen set of items to review.
 */
export type ProblemSimulation =
  | { type: ProblemType; offered: true; outcome: ProblemOutcome; clauseId: string }
  | { type: ProblemType; offered: false; reason: ReasonRef };

/** What the order page would offer besides a return, if the shopper looked today. */
export type SimulatedActions = {
  orderId: string;
  orderName: string;
  cancellation: CancellationSimulation;
  addressChange: AddressChangeSimulation;
  /** Every parcel of the order, each with every problem type in the engine's order. */
  parcels: { parcelId: string; problems: ProblemSimulation[] }[];
};

export type SimulateActionsInput = { order: Order; policy: Policy; now: Date; timeZone: string };

const toRef = ({ clauseId, key }: ReasonRef): ReasonRef => ({ clauseId, key });

/** The cancellation, address-change and problem verdicts of one order, as the order page decides them. */
export function simulateActions({ order, policy, now, timeZone }: SimulateActionsInput): SimulatedActions {
  const cancel = decideCancellation({ policy, order, facts: cancellationFactsOf(order), now, timeZone });
  // The shop's shipping countries only say where a new address may be, never whether it may change.
  const address = decideAddressChange({ policy, order, shipsTo: [], now, timeZone });
  return {
    orderId: order.id,
    orderName: order.name,
    cancellation: !cancel.offered ? { verdict: 'refused', reason: toRef(cancel.refusal) }
      : cancel.mode === 'instant' ? { verdict: 'instant' } : { verdict: 'review', reasons: cancel.reasons.map(toRef) },
    addressChange: address.offered ? { verdict: 'offered' } : { verdict: 'refused', reason: toRef(address.refusal) },
    parcels: listProblemOptions(policy, order, now, timeZone).parcels.map(({ parcelId, options }) => ({
      parcelId,
      problems: options.map((option): ProblemSimulation => (option.offered
        ? { type: option.type, offered: true, outcome: option.outcome, clauseId: option.clauseId }
        : { type: option.type, offered: false, reason: toRef(option.refusal) })),
    })),
  };
}
