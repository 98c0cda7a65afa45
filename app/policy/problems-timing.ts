import type { Parcel } from '~/orders/types';
import type { ProblemsPolicy } from './problems-schema';
import { addDays, startOfZonedDay, toZonedDate, type CalendarDate } from './zoned-date';

/**
 * The dates problem reports hang on, on the store's calendar. Same convention as the return
 * window: the day counted from is day 0, a period of N days lasts until the end of day N, and
 * the next midnight in the store's zone is the first instant after it.
 */

type NotReceivedRule = NonNullable<ProblemsPolicy['notReceived']>;

/** Delivered as far as the carrier told: a delivery scan or a delivery date. */
export function isDelivered(parcel: Parcel): boolean {
  return parcel.status === 'delivered' || parcel.deliveredAt !== null;
}

const lastEventOf = (parcel: Parcel, status: Parcel['status']) =>
  parcel.events.filter((event) => event.status === status).at(-1) ?? null;

/** The delivery day; null when a parcel marked delivered carries no date, and then no window can close. */
export function findDeliveredOn(parcel: Parcel, timeZone: string): CalendarDate | null {
  const at = parcel.deliveredAt ?? lastEventOf(parcel, 'delivered')?.happenedAt ?? null;
  return at ? toZonedDate(at, timeZone) : null;
}

/** The first instant after a period of `days` days counted from `from` (day 0). */
export function closesAfter(from: CalendarDate, days: number, timeZone: string): { lastDay: CalendarDate; closesAt: Date } {
  const lastDay = addDays(from, days);
  return { lastDay, closesAt: startOfZonedDay(addDays(lastDay, 1), timeZone) };
}

/**
 * From when a parcel not delivered may be reported as not received:
 * - `failure`: the carrier gave up (returned to sender, lost): at once;
 * - `carrier_issue`: a delivery attempt or a cancelled shipment: after `carrierIssueDays` from
 *   its scan, since a notice usually means the parcel waits at a pick-up point;
 * - `expected`: otherwise, after the expected day (the carrier's estimate, or the shipping day
 *   plus `transitDays`) and `graceDays` more.
 */
export type NotReceivedTiming =
  | { basis: 'failure'; reportableAt: null }
  | { basis: 'carrier_issue'; reportableAt: Date; reportableOn: CalendarDate; issueOn: CalendarDate }
  | { basis: 'expected'; reportableAt: Date; reportableOn: CalendarDate; expectedOn: CalendarDate };

export function findNotReceivedTiming(rule: NotReceivedRule, parcel: Parcel, timeZone: string): NotReceivedTiming {
  if (parcel.status === 'failure') return { basis: 'failure', reportableAt: null };
  if (parcel.status === 'attempted_delivery' || parcel.status === 'cancelled') {
    const scan = lastEventOf(parcel, parcel.status) ?? parcel.events.at(-1) ?? null;
    const issueOn = toZonedDate(scan?.happenedAt ?? parcel.createdAt, timeZone);
    const { lastDay, closesAt } = closesAfter(issueOn, rule.carrierIssueDays, timeZone);
    return { basis: 'carrier_issue', reportableAt: closesAt, reportableOn: addDays(lastDay, 1), issueOn };
  }
  const expectedOn = parcel.estimatedDeliveryAt
    ? toZonedDate(parcel.estimatedDeliveryAt, timeZone)
    : addDays(toZonedDate(parcel.createdAt, timeZone), rule.transitDays);
  const { lastDay, closesAt } = closesAfter(expectedOn, rule.graceDays, timeZone);
  return { basis: 'expected', reportableAt: closesAt, reportableOn: addDays(lastDay, 1), expectedOn };
}
