/**
 * The Admin API documents behind an order page. The lookup is a single call: the order found by
 * number and email, with everything the page shows. Sizes are chosen to keep the requested cost
 * under 350 points (see the benchmark) while covering real orders: 20 lines, 5 parcels, and the
 * latest 3 returns (with 5 lines each), so returns made in Shopify's admin or by another app show
 * on the order page without a second call.
 */
const ORDER_FIELDS = `#graphql
  fragment ComptoirOrderFields on Order {
    id
    name
    email
    phone
    createdAt
    processedAt
    cancelledAt
    closed
    tags
    displayFinancialStatus
    displayFulfillmentStatus
    currentTotalPriceSet { presentmentMoney { amount currencyCode } }
    netPaymentSet { presentmentMoney { amount currencyCode } }
    shippingAddress { firstName lastName address1 address2 city provinceCode countryCodeV2 zip phone }
    lineItems(first: 20) {
      nodes {
        id
        title
        variantTitle
        sku
        quantity
        currentQuantity
        unfulfilledQuantity
        requiresShipping
        isGiftCard
        image { url altText }
        discountedUnitPriceAfterAllDiscountsSet { presentmentMoney { amount currencyCode } }
      }
    }
    fulfillments(first: 5) {
      id
      status
      displayStatus
      createdAt
      deliveredAt
      estimatedDeliveryAt
      trackingInfo(first: 1) { company number url }
      events(first: 8, sortKey: HAPPENED_AT, reverse: true) {
        nodes { status happenedAt message city province country }
      }
      fulfillmentLineItems(first: 8) { nodes { quantity lineItem { id } } }
    }
    returns(first: 3, reverse: true) {
      nodes {
        id
        name
        status
        createdAt
        closedAt
        returnLineItems(first: 5) {
          nodes { quantity ... on ReturnLineItem { fulfillmentLineItem { lineItem { id } } } }
        }
        exchangeLineItems(first: 2) { nodes { quantity title variantTitle } }
        refunds(first: 2) { nodes { totalRefundedSet { presentmentMoney { amount currencyCode } } } }
      }
    }
  }
`;

export const ORDER_LOOKUP_QUERY = `#graphql
  query ComptoirOrderLookup($query: String!) {
    orders(first: 1, query: $query, sortKey: PROCESSED_AT, reverse: true) {
      nodes { ...ComptoirOrderFields }
    }
  }
  ${ORDER_FIELDS}
`;

export const ORDER_BY_ID_QUERY = `#graphql
  query ComptoirOrderById($id: ID!) {
    order(id: $id) { ...ComptoirOrderFields }
  }
  ${ORDER_FIELDS}
`;

/** Shopify search syntax: our order numbers hold only letters, digits and dashes; emails get quoted. */
export function toOrderSearch(orderNumber: string, email: string): string {
  const quotedEmail = `"${email.replace(/["\\]/g, '\\$&')}"`;
  return `name:#${orderNumber} AND email:${quotedEmail}`;
}
