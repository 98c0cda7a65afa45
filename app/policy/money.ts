import type { Money } from '~/orders/types';

/**
 * Money arithmetic in integer minor units (cents, or yen for zero-decimal currencies), so a
 * refund never drifts by a floating-point cent. Amounts enter and leave as decimal strings.
 */

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency as ICU knows them: 2 for EUR, 0 for JPY, 3 for KWD. */
export function getCurrencyDigits(currencyCode: string): number {
  let digits = digitsCache.get(currencyCode);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: currencyCode }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    digitsCache.set(currencyCode, digits);
  }
  return digits;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/**
 * "45.90" EUR → 4590. Shopify writes zero-decimal amounts as "4500.0", so extra digits are
 * accepted and rounded half up rather than refused.
 */
export function toMinorUnits(amount: string, currencyCode: string): number {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`Not a decimal amount: "${amount}"`);
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = getCurrencyDigits(currencyCode);
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const roundUp = (fraction[digits] ?? '0') >= '5' ? 1 : 0;
  const minor = Number(whole) * 10 ** digits + Number(kept || '0') + roundUp;
  if (!Number.isSafeInteger(minor)) throw new Error(`Amount out of range: "${amount}"`);
  return sign === '-' ? -minor : minor;
}

/** 4590 EUR → "45.90"; 4500 JPY → "4500". */
export function fromMinorUnits(minor: number, currencyCode: string): string {
  const digits = getCurrencyDigits(currencyCode);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function toMoney(minor: number, currencyCode: string): Money {
  return { amount: fromMinorUnits(minor, currencyCode), currencyCode };
}

/**
 * A percentage of an amount in minor units. Fees round half up and bonuses round down, each
 * in the shopper's disfavour by at most half a cent — stated in the sample policy.
 */
export function percentOf(minor: number, percent: number, rounding: 'half_up' | 'down'): number {
  const basisPoints = Math.round(percent * 100);
  const scaled = minor * basisPoints;
  return rounding === 'down' ? Math.floor(scaled / 10_000) : Math.floor((scaled + 5_000) / 10_000);
}
