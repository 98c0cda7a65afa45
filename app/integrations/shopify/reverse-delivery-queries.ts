/**
 * A return's reverse fulfillment orders (what Shopify expects back, line by line) and the
 * deliveries already recorded on them: a retry finds a tracking number an earlier attempt recorded.
 */
export const RETURN_REVERSE_ORDERS_QUERY = `#graphql
  query ComptoirReturnReverseOrders($returnId: ID!) {
    return(id: $returnId) {
      id
      reverseFulfillmentOrders(first: 10) {
        nodes {
          id
          lineItems(first: 50) { nodes { id totalQuantity } }
          reverseDeliveries(first: 10) {
            nodes { id deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number } } } }
          }
        }
      }
    }
  }
`;

/** The shopper's own shipment of a return, with its tracking number and link (no label: they bought postage). */
export const REVERSE_DELIVERY_CREATE_MUTATION = `#graphql
  mutation ComptoirReverseDeliveryCreate($reverseFulfillmentOrderId: ID!, $reverseDeliveryLineItems: [ReverseDeliveryLineItemInput!]!, $trackingInput: ReverseDeliveryTrackingInput) {
    reverseDeliveryCreateWithShipping(
      reverseFulfillmentOrderId: $reverseFulfillmentOrderId
      reverseDeliveryLineItems: $reverseDeliveryLineItems
      trackingInput: $trackingInput
      notifyCustomer: false
    ) {
      reverseDelivery { id }
      userErrors { field message code }
    }
  }
`;
