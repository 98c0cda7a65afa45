import type { GqlObject } from '~/sandbox/seed/types.server';
import { compare, matchesText, searchWith, type SearchFields } from './search-filter.server';

/** The product search fields the portal (and a person trying queries) may use; others warn, as Shopify does. */
const FIELDS: SearchFields<GqlObject> = {
  product_type: (product, term) => matchesText(product.productType, term.value),
  status: (product, term) => term.value.split(',').some((status) => matchesText(product.status, status.trim())),
  tag: (product, term) => ((product.tags as string[] | undefined) ?? []).some((tag) => matchesText(tag, term.value)),
  title: (product, term) => matchesText(product.title, term.value),
  id: (product, term) => compare(Number(String(product.id).slice(String(product.id).lastIndexOf('/') + 1)), term),
};

const freeText = (product: GqlObject, value: string) => String(product.title ?? '').toLowerCase().includes(value.toLowerCase());

/** Filters products with a Shopify `query:` string; returns the warnings Shopify would attach. */
export function searchProducts(products: GqlObject[], query: string | null | undefined) {
  const { items, warnings } = searchWith(products, query, FIELDS, freeText);
  return { products: items, warnings };
}
