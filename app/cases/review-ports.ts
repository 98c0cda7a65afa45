import type { DeclineReason } from '~/webhooks/shopify-events';
import type { ShopifyReturnError, ShopifyReturnStatus } from './ports';

/** An agent's answer to a return request that needs review. */
export type ReviewDecision = { kind: 'approve' } | { kind: 'decline'; reason: DeclineReason; note: string | null };

/** Shopify's answer: the return's new status, or its `userErrors` as values. */
export type ReturnDecisionResult = { ok: true; returnId: string; status: ShopifyReturnStatus } | { ok: false; errors: ShopifyReturnError[] };

/** Deciding a REQUESTED return at Shopify, as an agent in its admin would. */
export interface ReturnDecisions {
  /**
   * `returnApproveRequest`: REQUESTED → OPEN. One upstream call.
   * @throws UpstreamError — Shopify's refusals (not REQUESTED any more, unknown) come back as `{ ok: false }`.
   */
  approveRequest(returnId: string): Promise<ReturnDecisionResult>;
  /**
   * `returnDeclineRequest` with Shopify's `ReturnDeclineReason` and a note the shopper may read.
   * @throws UpstreamError — refusals as `{ ok: false }`.
   */
  declineRequest(returnId: string, reason: DeclineReason, note: string | null): Promise<ReturnDecisionResult>;
}
