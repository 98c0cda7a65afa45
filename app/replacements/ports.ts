/** A free replacement for units of an order: what to send again, and the case that asks. */
export type ReshipRequest = {
  orderId: string;
  /** `C-XXXXXXXX`: tags the replacement, which is how a retry finds it instead of sending twice. */
  caseId: string;
  lines: { lineItemId: string; quantity: number }[];
  /** For the store's staff, on the replacement order, e.g. "Comptoir C-XXXX: replacement for #1028". */
  note: string;
};

/**
 * `already`: an order tagged with the case was there before this call (an earlier attempt whose
 * answer was lost), so nothing was sent twice. A refusal's `code` is the portal's
 * (ORDER_NOT_FOUND, LINE_NOT_FOUND, NO_VARIANT) or REFUSED with Shopify's message.
 */
export type ReshipResult = { ok: true; orderId: string; orderName: string; already: boolean } | { ok: false; code: string; message: string };

/** Sending a free replacement order in Shopify. A refusal is a value; an outage is an UpstreamError. */
export type Reships = {
  reship(request: ReshipRequest): Promise<ReshipResult>;
};
