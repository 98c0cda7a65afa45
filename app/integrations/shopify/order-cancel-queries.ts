/**
 * The Admin API documents behind a cancellation. Shopify cancels asynchronously: `orderCancel`
 * answers a job, `job(id:)` says when it is done, and the order then carries its `cancelledAt`.
 */
export const ORDER_CANCEL_MUTATION = `#graphql
  mutation ComptoirOrderCancel(
    $orderId: ID!
    $reason: OrderCancelReason!
    $restock: Boolean!
    $notifyCustomer: Boolean
    $refundMethod: OrderCancelRefundMethodInput
    $staffNote: String
  ) {
    orderCancel(
      orderId: $orderId
      reason: $reason
      restock: $restock
      notifyCustomer: $notifyCustomer
      refundMethod: $refundMethod
      staffNote: $staffNote
    ) {
      job { id done }
      orderCancelUserErrors { code field message }
    }
  }
`;

export const ORDER_CANCEL_JOB_QUERY = `#graphql
  query ComptoirOrderCancelJob($id: ID!) {
    job(id: $id) { id done }
  }
`;

export const ORDER_CANCELLED_AT_QUERY = `#graphql
  query ComptoirOrderCancelledAt($orderId: ID!) {
    order(id: $orderId) { id cancelledAt }
  }
`;
