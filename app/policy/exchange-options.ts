import type { CatalogProduct, CatalogVariant } from '~/catalog/ports';
import type { Money } from '~/orders/types';
import { fromMinorUnits, percentOf, toMinorUnits } from './money';
import { getAmount, type ExchangesPolicy, type Policy } from './policy-schema';

export type { CatalogProduct, CatalogVariant };

/*
 * What a returned line may be exchanged for, under the policy: the other variants of the same
 * product, and other products where `exchanges.acrossProducts` allows, each with its stock, the
 * price difference and how that difference is settled. Pure: the catalog and stock are read by
 * the caller (from Shopify) and passed in, so the same input always gives the same offer.
 */

/** The line being returned: which variant, at what price it was bought, how many units. */
export type ExchangedLine = { productId: string; variantId: string; unitPrice: Money; quantity: number; reasonId: string };

export type Explanation = { key: string; clauseId: string };

export type StockState = { state: 'in_stock' | 'low' | 'sold_out' | 'untracked'; left: number | null };

/**
 * How the price difference is settled, per unit exchanged: `none` (same price), `refund` or
 * `store_credit` (the new item costs less), `kept` (it costs less and the store keeps the
 * difference), `invoice` (it costs more and the shopper pays). `amount` is never negative.
 */
export type Settlement = { settle: 'none' | 'refund' | 'store_credit' | 'kept' | 'invoice'; amount: Money };

export type ExchangeOption = {
  productId: string;
  variantId: string;
  productTitle: string;
  variantTitle: string;
  /** The variant's picture, drawn on its swatch. */
  image: { url: string; altText: string | null } | null;
  price: Money;
  stock: StockState;
  difference: Settlement;
  /** Shown either way; chosen only when true. */
  available: boolean;
  /** Why it cannot be chosen (sold out, dearer and not offered); null when it can. */
  unavailable: Explanation | null;
};

export type ExchangeOffer =
  | { offered: false; refusal: Explanation }
  | {
      offered: true;
      clauseId: string;
      sameProduct: ExchangeOption[];
      otherProducts: ExchangeOption[];
      /** Why no other product is offered, when none is: the policy's word, for the shopper. */
      acrossRefusal: Explanation | null;
    };

function stockOf(variant: CatalogVariant, lowStockAt: number): StockState {
  if (variant.available === null) return { state: variant.availableForSale ? 'untracked' : 'sold_out', left: null };
  const left = Math.max(0, variant.available);
  if (left === 0 || !variant.availableForSale) return { state: 'sold_out', left: 0 };
  return { state: left <= lowStockAt ? 'low' : 'in_stock', left };
}

const samePrice = (a: Money, b: Money) => a.currencyCode === b.currencyCode && toMinorUnits(a.amount, a.currencyCode) === toMinorUnits(b.amount, b.currencyCode);

function settle(oldMinor: number, newMinor: number, currencyCode: string, rules: ExchangesPolicy['priceDifference']): Settlement {
  const gap = newMinor - oldMinor;
  const amount = { amount: fromMinorUnits(Math.abs(gap), currencyCode), currencyCode };
  if (gap === 0) return { settle: 'none', amount };
  if (gap > 0) return { settle: 'invoice', amount };
  return { settle: rules.lower === 'store-credit' ? 'store_credit' : rules.lower, amount };
}

function isAcrossAllowed(exchanges: ExchangesPolicy, from: CatalogProduct, to: CatalogProduct): boolean {
  switch (exchanges.acrossProducts.among) {
    case 'none':
      return false;
    case 'any':
      return true;
    case 'product-type':
      return from.productType !== null && from.productType.trim().toLowerCase() === (to.productType ?? '').trim().toLowerCase();
    case 'collection':
      return to.collectionIds.some((id) => from.collectionIds.includes(id));
  }
}

/**
 * The exchange offer for one returned line. The returned variant itself is never offered; every
 * other variant of its product is listed (sold-out ones disabled, so the shopper sees the size
 * exists); other products are listed only where the policy allows and their price is within range.
 */
export function offerExchange(
  policy: Pick<Policy, 'exchanges' | 'reasons'>,
  line: ExchangedLine,
  catalog: readonly CatalogProduct[],
): ExchangeOffer {
  const exchanges = policy.exchanges;
  const reason = policy.reasons.find((candidate) => candidate.id === line.reasonId);
  if (!exchanges) return { offered: false, refusal: { key: 'policy:exchange.notOffered', clauseId: reason?.clause ?? '' } };
  if (!reason || !reason.outcomes.includes('exchange')) {
    return { offered: false, refusal: { key: 'policy:exchange.notForReason', clauseId: reason?.clause ?? exchanges.clause } };
  }
  const product = catalog.find((candidate) => candidate.id === line.productId);
  if (!product) return { offered: false, refusal: { key: 'policy:exchange.productGone', clauseId: exchanges.clause } };

  const currencyCode = line.unitPrice.currencyCode;
  const oldMinor = toMinorUnits(line.unitPrice.amount, currencyCode);
  // The returned variant as the shop prices it now: in the shop's currency, which may not be the order's.
  const bought = product.variants.find((variant) => variant.id === line.variantId);
  const option = (from: CatalogProduct, variant: CatalogVariant): ExchangeOption | null => {
    let difference: Settlement;
    if (variant.price.currencyCode === currencyCode) {
      difference = settle(oldMinor, toMinorUnits(variant.price.amount, currencyCode), currencyCode, exchanges.priceDifference);
    } else if (from.id === product.id && bought && samePrice(bought.price, variant.price)) {
      // Paid in another currency than the shop's prices: a size or colour the shop prices like the
      // one bought costs the same, whatever the rate. Any other price cannot be compared: no option.
      difference = { settle: 'none', amount: { amount: fromMinorUnits(0, currencyCode), currencyCode } };
    } else {
      return null;
    }
    const stock = stockOf(variant, exchanges.lowStockAt);
    const enough = stock.state === 'untracked' || (stock.left !== null && stock.left >= line.quantity);
    const unavailable: Explanation | null = !enough
      ? { key: stock.state === 'sold_out' ? 'policy:exchange.soldOut' : 'policy:exchange.notEnoughLeft', clauseId: exchanges.clause }
      : difference.settle === 'invoice' && exchanges.priceDifference.higher === 'not-offered'
        ? { key: 'policy:exchange.dearerNotOffered', clauseId: exchanges.clause }
        : null;
    return {
      productId: from.id, variantId: variant.id, productTitle: from.title, variantTitle: variant.title, image: variant.image ?? null,
      price: variant.price, stock, difference, available: unavailable === null, unavailable,
    };
  };

  const sameProduct = product.variants
    .filter((variant) => variant.id !== line.variantId)
    .map((variant) => option(product, variant))
    .filter((candidate): candidate is ExchangeOption => candidate !== null);

  const range = percentOf(oldMinor, exchanges.acrossProducts.priceRangePercent, 'down');
  const otherProducts = exchanges.acrossProducts.among === 'none'
    ? []
    : catalog
        .filter((candidate) => candidate.id !== product.id && isAcrossAllowed(exchanges, product, candidate))
        .flatMap((candidate) => candidate.variants
          .filter((variant) => variant.price.currencyCode === currencyCode && Math.abs(toMinorUnits(variant.price.amount, currencyCode) - oldMinor) <= range)
          .map((variant) => option(candidate, variant)))
        .filter((candidate): candidate is ExchangeOption => candidate !== null);
  const acrossRefusal: Explanation | null = exchanges.acrossProducts.among === 'none'
    ? { key: 'policy:exchange.acrossNotOffered', clauseId: exchanges.clause }
    : otherProducts.length === 0
      ? { key: 'policy:exchange.noOtherProduct', clauseId: exchanges.clause }
      : null;

  return { offered: true, clauseId: exchanges.clause, sameProduct, otherProducts, acrossRefusal };
}

/**
 * Whether the new item ships at once: an instant exchange for an order worth less than the
 * policy's limit (in its currency; a currency the limit does not name never ships at once).
 * Otherwise it waits for the return to be on its way (`in_transit`) or received.
 */
export function exchangeShipsWhen(exchanges: ExchangesPolicy, orderTotal: Money, storeCurrency: string): 'now' | 'in_transit' | 'received' {
  if (exchanges.ship.when === 'received') return 'received';
  if (exchanges.ship.when === 'in-transit') return 'in_transit';
  const limit = exchanges.ship.instantBelow;
  const below = limit === undefined ? null : getAmount(limit, orderTotal.currencyCode, storeCurrency);
  if (below === null) return 'in_transit';
  return toMinorUnits(orderTotal.amount, orderTotal.currencyCode) < toMinorUnits(below, orderTotal.currencyCode) ? 'now' : 'in_transit';
}
