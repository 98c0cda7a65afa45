import type { CaseState } from '~/cases/case-state';
import type { Money } from '~/orders/types';
import type { ParcelEventType } from './parcel-events';
import type { ParcelStep, ParcelUpdate } from './ports';

/*
 * How a provider's news of a return parcel moves its case: pure, so every ordering of the same
 * deliveries can be checked without a database.
 */

/** The case state a parcel step puts a case in. `delivered_to_store` keeps it in transit. */
export const STATE_OF_STEP: Record<ParcelStep, CaseState> = {
  label_issued: 'label_issued',
  in_transit: 'in_transit',
  delivered_to_store: 'in_transit',
  received_by_store: 'received_by_store',
  refunded: 'refunded',
  store_credit_issued: 'refunded',
  return_cancelled: 'return_cancelled',
  label_expired: 'label_expired',
};

/** The event logged on reaching each state by a parcel's news: one per step reached. */
export const EVENT_OF_STATE: Partial<Record<CaseState, ParcelEventType>> = {
  label_issued: 'label_issued',
  in_transit: 'parcel_in_transit',
  received_by_store: 'return_received',
  refunded: 'refund_issued',
  return_cancelled: 'return_cancelled',
  label_expired: 'label_expired',
};

type EventData = Record<string, string | string[] | null | Money>;

/**
 * The data of the event logged on reaching `to` from this update; what the update does not say
 * is null. A refund the provider reports without an amount is logged with the case's estimate.
 */
export function toParcelEventData(to: CaseState, update: ParcelUpdate, estimate: Money | null): EventData {
  const label = update.label ?? {};
  const tracking = { carrier: label.carrier ?? null, trackingNumber: label.trackingNumber ?? null, trackingUrl: label.trackingUrl ?? null };
  switch (to) {
    case 'label_issued':
      return {
        provider: update.provider, providerReturnId: update.providerReturnId, ...tracking,
        labelUrl: label.labelUrl ?? null, qrCodeUrl: label.qrCodeUrl ?? null, returnAddress: label.returnAddress ?? null,
        shipBy: label.shipBy ?? null, portalUrl: label.portalUrl ?? null,
      };
    case 'in_transit':
      return tracking;
    case 'refunded': {
      const method = update.refund?.method ?? (update.step === 'store_credit_issued' ? 'store_credit' : 'original_payment');
      return { amount: update.refund?.amount ?? estimate, method, estimate };
    }
    case 'return_cancelled':
      return { provider: update.provider };
    case 'label_expired':
      return { provider: update.provider, shipBy: label.shipBy ?? null };
    default:
      return {};
  }
}

/** Deliveries kept for a return no case claimed yet, in the order they happened (undated last, by arrival). */
export function sortByOccurrence<T extends { event: Pick<ParcelUpdate, 'occurredAt'>; receivedAt: Date }>(kept: readonly T[]): T[] {
  const at = (item: T) => item.event.occurredAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...kept].sort((a, b) => at(a) - at(b) || a.receivedAt.getTime() - b.receivedAt.getTime());
}
