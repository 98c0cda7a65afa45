/**
 * The Admin API documents behind a fulfillment hold: the order's fulfillment orders with their
 * holds (to know what is ours and what can be held), `fulfillmentOrderHold` and
 * `fulfillmentOrderReleaseHold` with the ids of our own holds.
 */
export const ORDER_FULFILLMENT_HOLDS_QUERY = `#graphql
  query ComptoirOrderFulfillmentHolds($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 20) {
        nodes { id status fulfillmentHolds { id handle heldByRequestingApp } }
      }
    }
  }
`;

export const FULFILLMENT_ORDER_HOLD_MUTATION = `#graphql
  mutation ComptoirFulfillmentOrderHold($id: ID!, $fulfillmentHold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $fulfillmentHold) {
      fulfillmentHold { id handle }
      fulfillmentOrder { id status }
      userErrors { field message code }
    }
  }
`;

export const FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION = `#graphql
  mutation ComptoirFulfillmentOrderReleaseHold($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder { id status }
      userErrors { field message code }
    }
  }
`;
