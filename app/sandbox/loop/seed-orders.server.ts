import { z } from 'zod';
import { createSeed } from '../seed/seed.server';
import type { LoopOrder } from './store.server';

/*
 * The demo store's orders as Loop would have synced them from Shopify: same names, emails, zips
 * and line ids, so a case approved in the sandbox portal finds its order in the Loop emulator.
 */

const legacyId = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);

const SeedOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  presentmentCurrencyCode: z.string(),
  shippingAddress: z.object({
    firstName: z.string(), lastName: z.string(), name: z.string(), address1: z.string(), address2: z.string().nullable(),
    city: z.string(), zip: z.string(), countryCodeV2: z.string(), phone: z.string().nullable(),
  }).nullable(),
  lineItems: z.array(z.object({
    id: z.string(), title: z.string(), sku: z.string().nullable(), quantity: z.number().int(),
    originalUnitPriceSet: z.object({ presentmentMoney: z.object({ amount: z.string() }) }),
  })),
});

/** Orders with a shipping address (Loop takes returns of shipped goods only); `extraOrders` as the Shopify emulator's. */
export function toLoopOrders(now: Date, extraOrders = 0): LoopOrder[] {
  return createSeed(now, extraOrders).orders.flatMap((raw) => {
    const parsed = SeedOrderSchema.safeParse(raw);
    if (!parsed.success || !parsed.data.shippingAddress) return [];
    const order = parsed.data;
    const address = order.shippingAddress!;
    return [{
      name: order.name, providerOrderId: legacyId(order.id), email: order.email, zip: address.zip, currency: order.presentmentCurrencyCode,
      customer: { firstName: address.firstName, lastName: address.lastName },
      address: { name: address.name, address1: address.address1, address2: address.address2, city: address.city, zip: address.zip, countryCode: address.countryCodeV2, phone: address.phone },
      lines: order.lineItems.map((line) => ({
        loopLineItemId: String(Number(legacyId(line.id)) - 15_000_000_000), providerLineItemId: legacyId(line.id), title: line.title,
        sku: line.sku, quantity: line.quantity, price: Number(line.originalUnitPriceSet.presentmentMoney.amount).toFixed(2),
      })),
    }];
  });
}
