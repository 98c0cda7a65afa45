import type { Money } from '~/orders/types';

/** A variant as the shop sells it now: its price, and the units that can be sold. */
export type CatalogVariant = {
  id: string;
  /** "L / Navy". */
  title: string;
  price: Money;
  /** Units that can be sold now; null when the shop does not track this variant's stock. */
  available: number | null;
  /** False when Shopify will not sell it (out of stock and not sold on backorder). */
  availableForSale: boolean;
  /** Its picture (the colour it is in), else the product's; none when the shop has none. */
  image?: { url: string; altText: string | null } | null;
};

export type CatalogProduct = {
  id: string;
  title: string;
  productType: string | null;
  collectionIds: string[];
  variants: CatalogVariant[];
};

/** Which other products an exchange may reach (the policy's `exchanges.acrossProducts.among`). */
export type CatalogReach = 'none' | 'product-type' | 'collection' | 'any';

/**
 * The products an exchange of one product may choose from: that product (null when the shop no
 * longer sells it), then the others within reach. The product's type comes from the order line,
 * so one call to Shopify reads everything; answers are cached briefly.
 */
export interface CatalogSource {
  exchangeCatalog(
    product: { id: string; productType: string | null },
    reach: CatalogReach,
    /** `fresh`: asked of Shopify now, not the brief cache (stock is checked again when a case is sent). */
    options?: { fresh?: boolean },
  ): Promise<{ product: CatalogProduct | null; others: CatalogProduct[] }>;
}
