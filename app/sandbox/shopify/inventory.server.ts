import type { GqlObject } from '~/sandbox/seed/types.server';

const isTracked = (variant: GqlObject) => (variant.inventoryItem as GqlObject | null)?.tracked === true;

/**
 * Whether `quantity` units of a variant can be sent as an exchange: for sale, and either sold
 * past zero (CONTINUE), not tracked, or in stock in that quantity.
 */
export function canSupply(variant: GqlObject, quantity: number): boolean {
  if (variant.availableForSale !== true) return false;
  return variant.inventoryPolicy === 'CONTINUE' || !isTracked(variant) || Number(variant.inventoryQuantity) >= quantity;
}

/**
 * Moves stock by `delta` units (negative reserves, positive gives back) and keeps the fields
 * derived from it — availability, the product's total and out-of-stock flag — in step.
 */
export function adjustStock(variant: GqlObject, delta: number): void {
  if (!isTracked(variant) || delta === 0) return;
  const quantity = Number(variant.inventoryQuantity) + delta;
  Object.assign(variant, {
    inventoryQuantity: quantity,
    sellableOnlineQuantity: Math.max(0, quantity),
    availableForSale: variant.inventoryPolicy === 'CONTINUE' || quantity > 0,
  });
  const product = variant.product as GqlObject | null;
  if (!product) return;
  const variants = (product.variants ?? []) as GqlObject[];
  Object.assign(product, {
    totalInventory: variants.reduce((sum, v) => sum + Number(v.inventoryQuantity), 0),
    hasOutOfStockVariants: variants.some((v) => !v.availableForSale),
  });
}
