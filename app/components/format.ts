import { useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/**
 * Dates and money in the shopper's language; money in the order's own currency, dates in the
 * store's time zone (so the server and the browser print the same day).
 */
export function useFormatters() {
  const { i18n } = useTranslation();
  const timeZone = useRouteLoaderData<{ timeZone: string }>('root')?.timeZone ?? 'UTC';
  const locale = i18n.language;
  const format = (options: Intl.DateTimeFormatOptions) => (iso: string) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(iso));
  return {
    date: format({ day: 'numeric', month: 'long', year: 'numeric' }),
    dayAndMonth: format({ weekday: 'long', day: 'numeric', month: 'long' }),
    dateTime: format({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    money: ({ amount, currencyCode }: { amount: string; currencyCode: string }) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode }).format(Number(amount)),
  };
}
