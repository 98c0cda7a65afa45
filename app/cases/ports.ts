import type { ReturnContext } from '~/policy/return-context';

/** One unit count of a fulfillment line going back, with the shopper's reason. */
export type ReturnLineInput = {
  /** From `ReturnableLine.fulfillmentLineItemId`: Shopify returns fulfillment lines, not order lines. */
  fulfillmentLineItemId: string;
  quantity: number;
  /** A `ReturnReasonDefinition` id from `listReturnReasons()`; null leaves the reason unset. */
  reasonId: string | null;
  /** The shopper's words: Shopify keeps at most 300 characters on a request, 255 on a created return. */
  note: string | null;
};

/** A replacement variant sent in exchange. */
export type ExchangeLineInput = { variantId: string; quantity: number };

export type RequestReturnInput = { orderId: string; lines: ReturnLineInput[] };

export type CreateReturnInput = RequestReturnInput & { exchangeLines: ExchangeLineInput[] };

export type ShopifyReturnStatus = 'REQUESTED' | 'OPEN' | 'CLOSED' | 'DECLINED' | 'CANCELED';

/** Why Shopify refused a return: its `ReturnUserError`, with the input path it points at. */
export type ShopifyReturnError = {
  /** `ReturnErrorCode` (TOO_BIG, NOT_FOUND, INVALID, …); null when Shopify gives none. */
  code: string | null;
  /** Shopify's English message, for logs and agents — never shown to shoppers. */
  message: string;
  /** e.g. `["input", "returnLineItems", "0", "quantity"]`; null when it concerns the whole input. */
  field: string[] | null;
};

/** A refusal is a value, not an exception: the case records it and the shopper gets a reason. */
export type ShopifyReturnResult =
  | { ok: true; returnId: string; status: ShopifyReturnStatus }
  | { ok: false; errors: ShopifyReturnError[] };

export type ReturnReason = { id: string; handle: string; name: string };

/**
 * A return Shopify already holds for a case, found by the case id in its lines' notes, with the
 * order line items its exchange's new items became (none until Shopify processes the exchange).
 */
export type CaseReturn = { returnId: string; status: ShopifyReturnStatus; fulfillmentLineItemIds: string[]; exchangeLineItemIds: string[] };

/** Returns at Shopify: what can go back, and opening the return once the policy has decided. */
export interface ShopifyReturns {
  /**
   * The order's returnable units, as Shopify counts them (units already returned or in a
   * return are not offered again), with the facts the policy decides on. One upstream call.
   * Returns null when there is no such order.
   * @throws UpstreamError when Shopify is throttling, failing or answers in a shape we do not know.
   */
  getReturnContext(orderId: string): Promise<ReturnContext | null>;
  /**
   * Asks the shop to approve a return (`returnRequest`, status REQUESTED). No exchanges: Shopify
   * only takes them on `createReturn`.
   * @throws UpstreamError — Shopify's refusals come back as `{ ok: false }`.
   */
  requestReturn(input: RequestReturnInput): Promise<ShopifyReturnResult>;
  /**
   * Opens an already approved return (`returnCreate`, status OPEN), with replacement variants
   * for an exchange; Shopify checks they are available and reserves them.
   * @throws UpstreamError — Shopify's refusals come back as `{ ok: false }`.
   */
  createReturn(input: CreateReturnInput): Promise<ShopifyReturnResult>;
  /**
   * Emails the order's customer an invoice for its balance due (`orderInvoiceSend`): what a dearer
   * exchange leaves to pay. Shopify's refusals come back as `{ ok: false }`. @throws UpstreamError
   */
  sendOrderInvoice(orderId: string): Promise<{ ok: true } | { ok: false; errors: ShopifyReturnError[] }>;
  /**
   * Releases a return's exchanged items to ship now (`returnProcess` on its exchange lines only,
   * for what is still unprocessed): Shopify adds them to the order with a fulfillment order. Two
   * calls (the lines, then the mutation); nothing left to process is `{ ok: true, units: 0 }`, so a
   * retry is harmless. Shopify's refusals come back as `{ ok: false }`. @throws UpstreamError
   */
  releaseExchange(returnId: string): Promise<{ ok: true; units: number } | { ok: false; errors: ShopifyReturnError[] }>;
  /** The shop's return reasons in use (retired ones left out). @throws UpstreamError */
  listReturnReasons(): Promise<ReturnReason[]>;
  /**
   * The order's returns with a line whose `customerNote` or `returnReasonNote` carries
   * `[caseId]`: what an earlier attempt at the same case already opened, so a retry does not
   * open it twice. Looks at the order's 10 latest returns. One upstream call.
   * @throws UpstreamError
   */
  findReturnsForCase(orderId: string, caseId: string): Promise<CaseReturn[]>;
}
