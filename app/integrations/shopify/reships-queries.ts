/**
 * The Admin API documents behind a free replacement: the drafts tagged with the case (a retry
 * finds what an earlier attempt made), the order replaced (its lines' variants, customer and
 * address), then `draftOrderCreate` and `draftOrderComplete`.
 */
export const RESHIP_DRAFTS_QUERY = `#graphql
  query ComptoirReshipDrafts($query: String!) {
    draftOrders(first: 5, query: $query) { nodes { id status tags order { id name } } }
  }
`;

export const RESHIP_ORDER_QUERY = `#graphql
  query ComptoirReshipOrder($orderId: ID!) {
    order(id: $orderId) {
      id
      name
      email
      presentmentCurrencyCode
      customer { id }
      shippingAddress { firstName lastName company address1 address2 city provinceCode countryCodeV2 zip phone }
      lineItems(first: 100) { nodes { id variant { id } } }
    }
  }
`;

export const RESHIP_DRAFT_CREATE_MUTATION = `#graphql
  mutation ComptoirReshipDraftCreate($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder { id }
      userErrors { field message }
    }
  }
`;

/** Without `paymentPending` (deprecated in 2026-10 for payment terms) the order is marked paid: a free one owes nothing. */
export const RESHIP_DRAFT_COMPLETE_MUTATION = `#graphql
  mutation ComptoirReshipDraftComplete($id: ID!) {
    draftOrderComplete(id: $id) {
      draftOrder { id order { id name } }
      userErrors { field message }
    }
  }
`;
