/**
 * The sidebar's list of a customer's latest orders: the fields of ComptoirOrderFields (so the same
 * schema and mapping read it), in smaller connections, for five orders in one call: 10 lines,
 * 3 parcels of 10 lines, the latest tracking event. About 600 requested points, under the 1000 limit.
 */
export const CUSTOMER_ORDERS_QUERY = `#graphql
  query ComptoirCustomerOrders($query: String!, $first: Int!) {
    orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
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
        lineItems(first: 10) {
          nodes {
            id title variantTitle sku quantity currentQuantity unfulfilledQuantity requiresShipping isGiftCard
            image { url altText }
            originalUnitPriceSet { presentmentMoney { amount currencyCode } }
          }
        }
        fulfillments(first: 3) {
          id
          status
          displayStatus
          createdAt
          deliveredAt
          estimatedDeliveryAt
          trackingInfo(first: 1) { company number url }
          events(first: 1, sortKey: HAPPENED_AT, reverse: true) {
            nodes { status happenedAt message city province country }
          }
          fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id } } }
        }
      }
    }
  }
`;
