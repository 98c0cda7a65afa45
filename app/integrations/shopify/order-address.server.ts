import { z } from 'zod';
import type { NewShippingAddress, ShopifyOrderAddress, UpdateShippingAddressInput } from '~/address-changes/ports';
import { UpstreamError } from '~/utils/upstream-error';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { ORDER_ADDRESS_UPDATE_MUTATION, SHOP_SHIPPING_COUNTRIES_QUERY } from './order-address-queries';
import type { ThrottleGate } from './throttle.server';
import { CodedUserErrorsSchema } from './user-errors';

/** orderUpdate's errors are plain `UserError`s: the coded shape without its code. */
const UserErrorsSchema = z.array(CodedUserErrorsSchema.element.omit({ code: true }));
const StoredAddressSchema = z.object({
  firstName: z.string().nullable(), lastName: z.string().nullable(), address1: z.string().nullable(), address2: z.string().nullable(),
  city: z.string().nullable(), provinceCode: z.string().nullable(), countryCodeV2: z.string().nullable(), zip: z.string().nullable(), phone: z.string().nullable(),
});
const UpdateDataSchema = z.object({
  orderUpdate: z.object({
    order: z.object({ id: z.string(), updatedAt: z.string(), shippingAddress: StoredAddressSchema.nullable() }).nullable(),
    userErrors: UserErrorsSchema,
  }),
});
const CountriesDataSchema = z.object({ shop: z.object({ shipsToCountries: z.array(z.string().regex(/^[A-Z]{2}$/)) }) });

/** Shipping zones change when a merchant edits them, seldom: ten minutes old is fresh enough. */
export const SHIPPING_COUNTRIES_TTL_MS = 10 * 60_000;

const unexpected = (message: string) => new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause: new Error(message) });

const toStored = (stored: z.infer<typeof StoredAddressSchema>): NewShippingAddress => ({
  firstName: stored.firstName, lastName: stored.lastName ?? '', address1: stored.address1 ?? '', address2: stored.address2,
  city: stored.city ?? '', provinceCode: stored.provinceCode, countryCode: stored.countryCodeV2 ?? '', zip: stored.zip, phone: stored.phone,
});

/**
 * Address changes through the Admin API: `orderUpdate` with the whole new shipping address, and
 * the shop's shipping countries, cached. Refusals are values; outages are UpstreamErrors.
 */
export function createShopifyOrderAddress(deps: {
  client: ShopifyGraphqlClient;
  gate?: ThrottleGate;
  /** Tests pass their own clock to age the cache. */
  now?: () => number;
  countriesTtlMs?: number;
}): ShopifyOrderAddress {
  const call = createAdminCaller(deps);
  const now = deps.now ?? Date.now;
  const ttl = deps.countriesTtlMs ?? SHIPPING_COUNTRIES_TTL_MS;
  let countries: { value: Promise<string[]>; until: number } | null = null;

  return {
    /** ComptoirOrderAddressUpdate. @throws UpstreamError */
    async updateShippingAddress({ orderId, address }: UpdateShippingAddressInput) {
      const shippingAddress = {
        firstName: address.firstName, lastName: address.lastName, address1: address.address1, address2: address.address2,
        city: address.city, provinceCode: address.provinceCode, countryCode: address.countryCode, zip: address.zip, phone: address.phone,
      };
      const { orderUpdate } = await call(ORDER_ADDRESS_UPDATE_MUTATION, { input: { id: orderId, shippingAddress } }, UpdateDataSchema);
      if (orderUpdate.userErrors.length) return { ok: false as const, errors: orderUpdate.userErrors };
      const stored = orderUpdate.order?.shippingAddress;
      if (!orderUpdate.order || !stored) throw unexpected('orderUpdate answered neither the order with its address nor userErrors');
      return { ok: true as const, address: toStored(stored), updatedAt: orderUpdate.order.updatedAt };
    },

    /** ComptoirShopShippingCountries, at most once per TTL; a failed read is not kept. @throws UpstreamError */
    listShippingCountries() {
      if (countries && countries.until > now()) return countries.value;
      const value = call(SHOP_SHIPPING_COUNTRIES_QUERY, {}, CountriesDataSchema).then(({ shop }) => shop.shipsToCountries);
      const entry = { value, until: now() + ttl };
      countries = entry;
      value.catch(() => {
        if (countries === entry) countries = null;
      });
      return value;
    },
  };
}
