import type { Money } from '~/orders/types';

const LOCALES = { en: 'en-US', fr: 'fr-FR' } as const;
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "€45.00" for an English-speaking agent, "45,00 €" for a French-speaking one: the agent's conventions, the order's currency. */
export function formatMoney(value: Money, language: keyof typeof LOCALES): string {
  const key = `${language}|${value.currencyCode}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: value.currencyCode })));
  return format.format(Number(value.amount));
}
