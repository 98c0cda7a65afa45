/**
 * The Admin API documents behind returns. The context is one call: the order's facts and its
 * returnable fulfillments with the product facts the policy looks at. 5 parcels × 20 lines keeps
 * it at 826 requested points (the variant id adds one a line), under Shopify's 1000-point single-query limit.
 */
export const RETURN_CONTEXT_QUERY = `#graphql
  query ComptoirReturnContext($orderId: ID!) {
    order(id: $orderId) {
      id
      name
      createdAt
      currentTotalPriceSet { presentmentMoney { amount currencyCode } }
      shippingAddress { countryCodeV2 }
    }
    returnableFulfillments(orderId: $orderId, first: 5) {
      nodes {
        fulfillment { id createdAt deliveredAt }
        returnableFulfillmentLineItems(first: 20) {
          nodes {
            quantity
            fulfillmentLineItem {
              id
              lineItem {
                id
                title
                variantTitle
                sku
                isGiftCard
                image { url altText }
                discountedUnitPriceAfterAllDiscountsSet { presentmentMoney { amount currencyCode } }
                product { id tags productType vendor }
                variant { id }
              }
            }
          }
        }
      }
    }
  }
`;

export const RETURN_REQUEST_MUTATION = `#graphql
  mutation ComptoirReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return { id status }
      userErrors { field message code }
    }
  }
`;

export const RETURN_CREATE_MUTATION = `#graphql
  mutation ComptoirReturnCreate($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return { id status }
      userErrors { field message code }
    }
  }
`;

export const RETURN_REASONS_QUERY = `#graphql
  query ComptoirReturnReasons {
    returnReasonDefinitions(first: 50) { nodes { id handle name deleted } }
  }
`;

/**
 * The order's latest returns with their lines' notes, where the submission worker writes the
 * case id, and the order lines their exchanges became. 10 returns × (20 lines + 10 exchange
 * lines) is 653 requested points.
 */
export const ORDER_RETURNS_QUERY = `#graphql
  query ComptoirOrderReturns($orderId: ID!) {
    order(id: $orderId) {
      returns(first: 10, reverse: true) {
        nodes {
          id
          status
          returnLineItems(first: 20) {
            nodes {
              ... on ReturnLineItem { customerNote returnReasonNote fulfillmentLineItem { id } }
            }
          }
          exchangeLineItems(first: 10) { nodes { lineItems { id } } }
        }
      }
    }
  }
`;

/** An invoice for the order's balance due (a dearer exchange), emailed to the order's customer. */
export const ORDER_INVOICE_SEND_MUTATION = `#graphql
  mutation ComptoirOrderInvoiceSend($id: ID!) {
    orderInvoiceSend(id: $id) {
      order { id }
      userErrors { field message code }
    }
  }
`;

/** A return's exchange lines and what of each Shopify has not processed yet (added to the order to ship). */
export const RETURN_EXCHANGE_LINES_QUERY = `#graphql
  query ComptoirReturnExchangeLines($id: ID!) {
    return(id: $id) {
      id
      status
      exchangeLineItems(first: 10) { nodes { id unprocessedQuantity } }
    }
  }
`;

/**
 * Processes a return's exchange lines alone (no returned item yet): Shopify adds the new items to
 * the order with a fulfillment order, so the store can ship them before the return arrives.
 */
export const RETURN_PROCESS_EXCHANGE_MUTATION = `#graphql
  mutation ComptoirReturnProcessExchange($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return { id }
      userErrors { field message code }
    }
  }
`;
