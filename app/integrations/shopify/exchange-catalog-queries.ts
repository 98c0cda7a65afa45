/**
 * What an exchange may be chosen from, in one call: the returned item's product with its
 * variants' prices and stock (up to 40), and — where the policy reaches other products — up to 12
 * more found by a product search (by type, say), with the shop's currency the prices are in.
 * Pictures: each variant's own for the returned item's product (its sizes and colours), the
 * product's featured one for the others. Under Shopify's 1000-point limit for a single query with
 * the other products included.
 */
export const EXCHANGE_CATALOG_QUERY = `#graphql
  query ComptoirExchangeCatalog($productId: ID!, $others: String!, $withOthers: Boolean!) {
    shop { currencyCode }
    product(id: $productId) {
      ...ComptoirExchangeProduct
      variants(first: 40) {
        nodes { id media(first: 1) { nodes { preview { image { url(transform: { maxWidth: 160, maxHeight: 160 }) altText } } } } }
      }
    }
    products(first: 12, query: $others) @include(if: $withOthers) {
      nodes { ...ComptoirExchangeProduct }
    }
  }

  fragment ComptoirExchangeProduct on Product {
    id
    title
    productType
    status
    tracksInventory
    collections(first: 3) { nodes { id } }
    featuredMedia { preview { image { url(transform: { maxWidth: 160, maxHeight: 160 }) altText } } }
    variants(first: 40) {
      nodes { id title price availableForSale inventoryQuantity }
    }
  }
`;
