import { toZonedDate } from '~/policy/zoned-date';
import type { Parcel } from './types';

/**
 * What to say about a parcel's estimated delivery. A date already past is not shown as if it
 * still held: the shopper sees the day it was expected and that it is running late, which
 * answers "should it be here by now?" without promising a date nobody gave.
 */
export type DeliveryEstimate = { date: string; late: boolean };

/** Parcels that are no longer on their way to the shopper have nothing to estimate. */
const SETTLED = new Set<Parcel['status']>(['delivered', 'failure', 'cancelled']);

/**
 * Late means the estimate's day has ended on the store's calendar: a parcel expected today is not
 * late until midnight. Pure: the clock and the store's zone come in.
 */
export function estimateDelivery(parcel: Pick<Parcel, 'status' | 'deliveredAt' | 'estimatedDeliveryAt'>, now: Date, timeZone: string): DeliveryEstimate | null {
  if (!parcel.estimatedDeliveryAt || parcel.deliveredAt || SETTLED.has(parcel.status)) return null;
  const late = toZonedDate(parcel.estimatedDeliveryAt, timeZone) < toZonedDate(now, timeZone);
  return { date: parcel.estimatedDeliveryAt.toISOString(), late };
}
