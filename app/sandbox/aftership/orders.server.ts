import { z } from 'zod';
import { createSeed } from '~/sandbox/seed/seed.server';

/*
 * The orders AfterShip knows: in the real product it syncs them from the connected Shopify store.
 * The emulator reads the same demo store the Shopify emulator serves (same ids, same lines), or
 * the orders a test gives it.
 */

const AddressSchema = z.object({
  name: z.string(), address1: z.string(), address2: z.string().nullable(), city: z.string(), province: z.string().nullable(),
  zip: z.string(), countryCode: z.string().length(2), phone: z.string().nullable(),
});

export const EmulatedOrderSchema = z.object({
  /** Shopify's numeric order id. */
  externalId: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  number: z.string().min(1),
  email: z.email(),
  locale: z.string().nullable(),
  placedAt: z.string(),
  currency: z.string().length(3),
  shippingAddress: AddressSchema,
  lines: z.array(z.object({
    externalId: z.string().regex(/^\d+$/), productId: z.string(), variantId: z.string(), sku: z.string(), title: z.string(),
    variantTitle: z.string().nullable(), quantity: z.number().int().positive(), unitPrice: z.string(),
  })).min(1),
});
export type EmulatedOrder = z.infer<typeof EmulatedOrderSchema>;
export type EmulatedAddress = EmulatedOrder['shippingAddress'];

const legacyId = (gid: unknown) => /\/(\d+)$/.exec(String(gid ?? ''))?.[1] ?? '';
type Loose = Record<string, any>;

/** The demo store's orders as AfterShip would have synced them. */
export function listDemoStoreOrders(now: Date): EmulatedOrder[] {
  return createSeed(now).orders.map((order): EmulatedOrder => {
    const o = order as Loose;
    const address = (o.shippingAddress ?? {}) as Loose;
    return {
      externalId: legacyId(o.id), name: o.name, number: String(o.number), email: o.email, locale: o.customerLocale ?? null,
      placedAt: o.createdAt, currency: o.presentmentCurrencyCode ?? o.currencyCode,
      shippingAddress: {
        name: address.name ?? '', address1: address.address1 ?? '', address2: address.address2 ?? null, city: address.city ?? '',
        province: address.province ?? null, zip: address.zip ?? '', countryCode: address.countryCodeV2 ?? 'FR', phone: address.phone ?? null,
      },
      lines: ((o.lineItems ?? []) as Loose[]).map((line) => ({
        externalId: legacyId(line.id), productId: legacyId(line.product?.id), variantId: legacyId(line.variant?.id), sku: line.sku ?? '',
        title: String(line.title), variantTitle: line.variantTitle ?? null, quantity: line.quantity,
        unitPrice: String(line.originalUnitPriceSet?.presentmentMoney?.amount ?? line.originalUnitPriceSet?.shopMoney?.amount ?? '0.00'),
      })),
    };
  });
}

/** ISO alpha-2 → alpha-3, as AfterShip writes `country_region.code`, for the countries the sandbox ships to. */
const ALPHA3: Record<string, string> = {
  FR: 'FRA', BE: 'BEL', DE: 'DEU', CA: 'CAN', US: 'USA', GB: 'GBR', CH: 'CHE', ES: 'ESP', IT: 'ITA', NL: 'NLD', LU: 'LUX',
};
export const toAlpha3 = (code: string) => ALPHA3[code.toUpperCase()] ?? code.toUpperCase();
