import type { ReturnableLine } from './return-context';
import type { PolicyFile, WindowStart } from './policy-schema';
import { addDays, startOfZonedDay, toZonedDate, type CalendarDate } from './zoned-date';

/**
 * The convention, also stated in the sample policy: the day the count starts from (delivery)
 * is day 0; a window of N days stays open until the end of day N on the store's calendar, in
 * the store's time zone. Delivered 12 March, 30 days: the last day is 11 April, and the window
 * closes at midnight store time between 11 and 12 April, whatever DST does in between.
 */
export type ReturnWindow = {
  countedFrom: WindowStart;
  /** Day 0 on the store's calendar: the delivery date, assumed delivery date or order date. */
  startDate: CalendarDate;
  windowDays: number;
  /** The last calendar day on which a return can be started. */
  lastDay: CalendarDate;
  /** The first instant outside the window: the start of the day after `lastDay`. */
  closesAt: Date;
  isOpen: boolean;
  shippedOn: CalendarDate;
};

export type WindowCheck =
  | { kind: 'window'; window: ReturnWindow }
  /** Shipped, no delivery scan, and still within the transit allowance: probably on its way. */
  | { kind: 'not_delivered'; shippedOn: CalendarDate; expectedOn: CalendarDate }
  /** The policy counts only from delivery and the carrier never confirmed one. */
  | { kind: 'unconfirmed'; shippedOn: CalendarDate };

export type WindowInput = {
  line: ReturnableLine;
  orderCreatedAt: Date;
  rules: PolicyFile['window'];
  now: Date;
  timeZone: string;
};

/** Where a line stands against the return window: open, closed, or not yet countable. */
export function checkReturnWindow({ line, orderCreatedAt, rules, now, timeZone }: WindowInput): WindowCheck {
  const shippedOn = toZonedDate(line.fulfilledAt, timeZone);
  const expectedOn = addDays(shippedOn, rules.transitDays);
  if (line.deliveredAt === null && toZonedDate(now, timeZone) < expectedOn) {
    return { kind: 'not_delivered', shippedOn, expectedOn };
  }
  const startOf: Record<WindowStart, CalendarDate | null> = {
    delivery: line.deliveredAt ? toZonedDate(line.deliveredAt, timeZone) : null,
    fulfillment: expectedOn,
    order: toZonedDate(orderCreatedAt, timeZone),
  };
  const countedFrom = rules.countFrom.find((start) => startOf[start] !== null);
  const startDate = countedFrom ? startOf[countedFrom] : null;
  if (!countedFrom || !startDate) return { kind: 'unconfirmed', shippedOn };
  const lastDay = addDays(startDate, rules.days);
  const closesAt = startOfZonedDay(addDays(lastDay, 1), timeZone);
  return {
    kind: 'window',
    window: { countedFrom, startDate, windowDays: rules.days, lastDay, closesAt, isOpen: now < closesAt, shippedOn },
  };
}
