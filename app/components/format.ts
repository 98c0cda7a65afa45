import { useRouteLoaderData } from '@remix-run/react';
import { LRUCache } from 'lru-cache';
import { useTranslation } from 'react-i18next';

/*
 * Intl formatters are costly to build and cheap to reuse: one per locale, time zone and style
 * (a profile of the order page showed their construction among its top costs).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();
// Printing a date through ICU costs more than rendering its line; a shopper's page prints the same
// few dates on every visit, so what each gives is kept (bounded: the dates come from orders).
const printedDates = new LRUCache<string, string>({ max: 5_000 });

function printDate(locale: string, timeZone: string, style: keyof typeof STYLES, iso: string): string {
  const key = `${locale}|${timeZone}|${style}|${iso}`;
  let printed = printedDates.get(key);
  if (printed === undefined) printedDates.set(key, (printed = dateFormat(locale, timeZone, style, STYLES[style]).format(new Date(iso))));
  return printed;
}

function dateFormat(locale: string, timeZone: string, style: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${style}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return format;
}

function moneyFormat(locale: string, currency: string) {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return format;
}

const STYLES = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dayAndMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  // No client script can tell the shopper's zone, so every time says which zone it is in.
  dateTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Dates and money in the shopper's language; money in the order's own currency, dates in the
 * store's time zone (so the server and the browser print the same day).
 */
export function useFormatters() {
  const { i18n } = useTranslation();
  const timeZone = useRouteLoaderData<{ timeZone: string }>('root')?.timeZone ?? 'UTC';
  const locale = i18n.language;
  const date = (style: keyof typeof STYLES) => (iso: string) => printDate(locale, timeZone, style, iso);
  return {
    date: date('date'),
    dayAndMonth: date('dayAndMonth'),
    dateTime: date('dateTime'),
    money: ({ amount, currencyCode }: { amount: string; currencyCode: string }) => moneyFormat(locale, currencyCode).format(Number(amount)),
  };
}

/** A 'YYYY-MM-DD' calendar date (the policy engine's facts) printed as a long date. */
export function useCalendarDate() {
  const { i18n } = useTranslation();
  return (day: string) => dateFormat(i18n.language, 'UTC', 'calendar', STYLES.date).format(new Date(`${day}T12:00:00Z`));
}
