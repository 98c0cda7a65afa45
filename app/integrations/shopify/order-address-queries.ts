/**
 * The Admin API documents behind an address change: `orderUpdate` writes the order's whole
 * shipping address (its input "overwrites the existing shipping address"), and the shop's
 * shipping countries say where a new address may be.
 */
export const ORDER_ADDRESS_UPDATE_MUTATION = `#graphql
  mutation ComptoirOrderAddressUpdate($input: OrderInput!) {
    orderUpdate(input: $input) {
      order {
        id
        updatedAt
        shippingAddress { firstName lastName address1 address2 city provinceCode countryCodeV2 zip phone }
      }
      userErrors { field message }
    }
  }
`;

export const SHOP_SHIPPING_COUNTRIES_QUERY = `#graphql
  query ComptoirShopShippingCountries {
    shop { shipsToCountries }
  }
`;
