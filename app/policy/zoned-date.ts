/**
 * Calendar dates in the store's time zone. A `CalendarDate` is 'YYYY-MM-DD': return windows are
 * counted in whole days on the store's calendar, not in 24-hour periods, so a DST change never
 * moves the last day.
 */
export type CalendarDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in the zone, expressed as if it were UTC milliseconds. */
function toWallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of getFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The store-calendar date on which an instant falls. */
export function toZonedDate(instant: Date, timeZone: string): CalendarDate {
  return new Date(toWallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar day in the zone. Usually local midnight; where a DST change
 * skips midnight (São Paulo until 2019), the first instant that exists on that day.
 */
export function startOfZonedDay(date: CalendarDate, timeZone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (instant: number) => toWallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000;
  const first = midnight - offsetAt(midnight);
  const second = midnight - offsetAt(first);
  const candidates = [first, second].filter((t) => toZonedDate(new Date(t), timeZone) === date);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // Both guesses fell on the day before: walk forward by quarter hours, the finest step any
  // zone's transitions use, to the first instant of the day.
  let instant = Math.max(first, second);
  while (toZonedDate(new Date(instant), timeZone) !== date) instant += 15 * 60_000;
  return new Date(instant);
}

/** True when the zone name is one the runtime's ICU knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    getFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
