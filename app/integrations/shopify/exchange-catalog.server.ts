import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { CatalogProduct, CatalogReach, CatalogSource } from '~/catalog/ports';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { EXCHANGE_CATALOG_QUERY } from './exchange-catalog-queries';
import type { ThrottleGate } from './throttle.server';

const PictureSchema = z.object({ preview: z.object({ image: z.object({ url: z.string(), altText: z.string().nullable() }).nullable() }).nullable() }).nullable();

const ProductNodeSchema = z.object({
  id: z.string(),
  title: z.string(),
  productType: z.string(),
  status: z.string(),
  tracksInventory: z.boolean(),
  collections: z.object({ nodes: z.array(z.object({ id: z.string() })) }),
  featuredMedia: PictureSchema.optional(),
  variants: z.object({
    nodes: z.array(z.object({
      id: z.string(),
      title: z.string(),
      price: z.string(),
      availableForSale: z.boolean(),
      inventoryQuantity: z.number().int().nullable(),
      // Asked for the returned item's product only.
      media: z.object({ nodes: z.array(PictureSchema) }).optional(),
    })),
  }),
});
type ProductNode = z.infer<typeof ProductNodeSchema>;

const DataSchema = z.object({
  shop: z.object({ currencyCode: z.string() }),
  product: ProductNodeSchema.nullable(),
  products: z.object({ nodes: z.array(ProductNodeSchema) }).optional(),
});

const pictureOf = (media: z.infer<typeof PictureSchema> | undefined) => media?.preview?.image ?? null;

function toProduct(node: ProductNode, currencyCode: string): CatalogProduct {
  const featured = pictureOf(node.featuredMedia);
  return {
    id: node.id,
    title: node.title,
    productType: node.productType.trim() === '' ? null : node.productType,
    collectionIds: node.collections.nodes.map((collection) => collection.id),
    variants: node.variants.nodes.map((variant) => ({
      id: variant.id,
      title: variant.title,
      price: { amount: variant.price, currencyCode },
      available: node.tracksInventory ? (variant.inventoryQuantity ?? 0) : null,
      availableForSale: variant.availableForSale,
      image: pictureOf(variant.media?.nodes[0]) ?? featured,
    })),
  };
}

/** Shopify's search syntax wants quotes around a value with spaces, and escapes inside them. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The search that finds the other products within reach of this one; null when none are. For a
 * collection, every active product comes back and the engine keeps those sharing one with it.
 */
function othersQuery(reach: CatalogReach, productType: string | null): string | null {
  switch (reach) {
    case 'none':
      return null;
    case 'product-type':
      return productType ? `status:active AND product_type:${quoted(productType)}` : null;
    case 'collection':
    case 'any':
      return 'status:active';
  }
}

/**
 * The exchange catalog from the Admin API, one call per product and reach. Stock moves, so
 * answers are kept briefly (`ttlMs`); a variant sold out meanwhile is caught again when the case
 * is executed.
 */
export function createShopifyCatalogSource(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate; ttlMs?: number }): CatalogSource {
  const call = createAdminCaller(deps);
  const cache = new LRUCache<string, { product: CatalogProduct | null; others: CatalogProduct[] }>({ max: 500, ttl: deps.ttlMs ?? 30_000 });
  return {
    async exchangeCatalog({ id, productType }, reach, options = {}) {
      const others = othersQuery(reach, productType);
      const key = `${id}\0${others ?? ''}`;
      const cached = options.fresh ? undefined : cache.get(key);
      if (cached) return cached;
      const data = await call(EXCHANGE_CATALOG_QUERY, { productId: id, others: others ?? '', withOthers: others !== null }, DataSchema);
      const currency = data.shop.currencyCode;
      const found = {
        product: data.product && data.product.status === 'ACTIVE' ? toProduct(data.product, currency) : null,
        others: (data.products?.nodes ?? []).filter((node) => node.id !== id && node.status === 'ACTIVE').map((node) => toProduct(node, currency)),
      };
      cache.set(key, found);
      return found;
    },
  };
}
