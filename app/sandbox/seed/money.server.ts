import type { CurrencyCode, MoneyBag, MoneyV2 } from './types.server';

/** The demo shop sells in euros; other currencies are presentment currencies (Shopify Markets). */
export const SHOP_CURRENCY: CurrencyCode = 'EUR';

/** Fixed demo exchange rates from the shop currency, so amounts never drift between runs. */
const RATES: Record<CurrencyCode, number> = { EUR: 1, CAD: 1.5, USD: 1.1 };

/** Amounts are handled in minor units (cents) so sums stay exact. */
export type Amount = { shop: number; presentment: number; currency: CurrencyCode };

export function toPresentment(shopCents: number, currency: CurrencyCode): number {
  return Math.round(shopCents * RATES[currency]);
}

export function amountOf(shopCents: number, currency: CurrencyCode): Amount {
  return { shop: shopCents, presentment: toPresentment(shopCents, currency), currency };
}

export function addAmounts(currency: CurrencyCode, amounts: Amount[]): Amount {
  return amounts.reduce(
    (sum, a) => ({ shop: sum.shop + a.shop, presentment: sum.presentment + a.presentment, currency }),
    { shop: 0, presentment: 0, currency },
  );
}

export function scaleAmount(amount: Amount, factor: number): Amount {
  return { ...amount, shop: amount.shop * factor, presentment: amount.presentment * factor };
}

export function subtractAmounts(a: Amount, b: Amount): Amount {
  return { ...a, shop: a.shop - b.shop, presentment: a.presentment - b.presentment };
}

/** `Decimal` as Shopify serialises it: trailing zeros dropped but one decimal kept ("45.0", "12.5"). */
export function decimal(cents: number): string {
  return (cents / 100).toFixed(2).replace(/(\.\d)0$/, '$1');
}

/** The `Money` scalar (e.g. `ProductVariant.price`) keeps two decimals. */
export function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function moneyV2(cents: number, currencyCode: CurrencyCode): MoneyV2 {
  return { __typename: 'MoneyV2', amount: decimal(cents), currencyCode };
}

/** `MoneyBag` as the Admin API returns it: shop money plus the shopper's presentment money. */
export function moneyBag(amount: Amount): MoneyBag {
  return {
    __typename: 'MoneyBag',
    shopMoney: moneyV2(amount.shop, SHOP_CURRENCY),
    presentmentMoney: moneyV2(amount.presentment, amount.currency),
  };
}

/** A decimal amount as the API writes it ("45.0", 45) in minor units. */
export const centsOf = (amount: unknown): number => Math.round(Number(amount) * 100);

/** A `MoneyBag` back in minor units, to add and subtract exactly (the inverse of `moneyBag`). */
export function amountOfBag(bag: MoneyBag): Amount {
  return { shop: centsOf(bag.shopMoney.amount), presentment: centsOf(bag.presentmentMoney.amount), currency: bag.presentmentMoney.currencyCode as CurrencyCode };
}
