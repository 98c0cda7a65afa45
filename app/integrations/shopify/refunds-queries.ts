/**
 * The Admin API documents behind a refund: the order's payments, refunds made so far and line
 * prices (read first: a refund whose note names the case means it is done), then `refundCreate`
 * under the `@idempotent` key Shopify requires since 2026-04.
 */
export const REFUND_ORDER_QUERY = `#graphql
  query ComptoirRefundOrder($orderId: ID!) {
    order(id: $orderId) {
      id
      presentmentCurrencyCode
      netPaymentSet { presentmentMoney { amount currencyCode } }
      transactions(first: 20) { id kind status gateway amountSet { presentmentMoney { amount currencyCode } } }
      refunds(first: 50) { id note totalRefundedSet { presentmentMoney { amount currencyCode } } }
      lineItems(first: 100) { nodes { id discountedUnitPriceAfterAllDiscountsSet { presentmentMoney { amount currencyCode } } } }
    }
  }
`;

export const REFUND_CREATE_MUTATION = `#graphql
  mutation ComptoirRefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
      refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }
`;
