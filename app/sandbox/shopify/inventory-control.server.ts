import { z } from 'zod';
import type { GqlObject, Seed } from '~/sandbox/seed/types.server';
import { adjustStock } from './inventory.server';
import { json, readControlBody } from './responses.server';

const StockSchema = z.strictObject({ sku: z.string().min(1).max(100), available: z.number().int().min(0).max(100_000) });

/**
 * `POST /__sandbox/shopify/inventory {sku, available}`: the stock of one variant set as a sale or
 * a delivery at the warehouse would leave it — for trying (and testing) an exchange whose size
 * sells out while the shopper is choosing. Answers the variant's new stock; 404 for an unknown SKU.
 */
export async function setStock(seed: () => Seed, request: Request): Promise<Response> {
  const parsed = await readControlBody(request, StockSchema);
  if (!parsed.ok) return parsed.response;
  const variant = seed().products
    .flatMap((product) => (product.variants ?? []) as GqlObject[])
    .find((candidate) => candidate.sku === parsed.data.sku);
  if (!variant) return json({ errors: `No variant with SKU ${parsed.data.sku}` }, 404);
  adjustStock(variant, parsed.data.available - Number(variant.inventoryQuantity));
  return json({ sku: variant.sku, inventoryQuantity: variant.inventoryQuantity, availableForSale: variant.availableForSale });
}
