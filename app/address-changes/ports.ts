/**
 * A new shipping address as checked by `checkNewAddress`: trimmed, empty parts as null, the
 * postal code and the codes upper-cased. It replaces the order's whole address in Shopify.
 */
export type NewShippingAddress = {
  firstName: string | null;
  lastName: string;
  address1: string;
  address2: string | null;
  city: string;
  /** Shopify's zone code (QC, NY, MI…), null where the country has none or the shopper gave none. */
  provinceCode: string | null;
  /** ISO 3166 alpha-2, as Shopify's `CountryCode`. */
  countryCode: string;
  /** Null only in a country without postal codes. */
  zip: string | null;
  phone: string | null;
};

export type UpdateShippingAddressInput = { orderId: string; address: NewShippingAddress };

/** Why Shopify refused: its `UserError` (no code on orderUpdate's), with the input path it points at. */
export type ShopifyAddressError = {
  /** e.g. `["shippingAddress", "zip"]`, `["id"]`; null when it concerns the whole call. */
  field: string[] | null;
  /** Shopify's English message, for logs and agents — never shown to shoppers. */
  message: string;
};

export type UpdateShippingAddressResult =
  | { ok: true; address: NewShippingAddress; updatedAt: string }
  | { ok: false; errors: ShopifyAddressError[] };

/**
 * Changing an order's shipping address in Shopify. A refusal is a value; an outage is an
 * UpstreamError. The update writes the whole address, so a retry after an outage writes the same
 * address again: harmless, never a second change.
 */
export interface ShopifyOrderAddress {
  /**
   * `orderUpdate(input: {id, shippingAddress})`; answers the address as Shopify stored it.
   * @throws UpstreamError
   */
  updateShippingAddress(input: UpdateShippingAddressInput): Promise<UpdateShippingAddressResult>;
  /**
   * The countries the shop ships to (`shop.shipsToCountries`), ISO codes in Shopify's order;
   * cached for a few minutes, as the shop's shipping zones seldom change.
   * @throws UpstreamError
   */
  listShippingCountries(): Promise<string[]>;
}
