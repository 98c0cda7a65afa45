import { z } from 'zod';
import type { ReturnDecisions } from '~/cases/review-ports';
import { UpstreamError } from '~/utils/upstream-error';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { RETURN_APPROVE_REQUEST_MUTATION, RETURN_DECLINE_REQUEST_MUTATION } from './return-decision-queries';
import { ReturnPayloadSchema, toReturnResult, type ReturnPayload } from './return-schema';
import type { ThrottleGate } from './throttle.server';

const ApproveDataSchema = z.object({ returnApproveRequest: ReturnPayloadSchema });
const DeclineDataSchema = z.object({ returnDeclineRequest: ReturnPayloadSchema });

/** Shopify keeps a decline note of at most this many characters (the emulator refuses longer, TOO_LONG). */
export const DECLINE_NOTE_MAX = 500;

function resultOf(payload: ReturnPayload) {
  const result = toReturnResult(payload);
  if (!result) throw new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause: new Error('Decision payload with neither a return nor userErrors') });
  return result;
}

/**
 * Approve and decline through the Admin API: one call each, parsed with zod. Shopify emails the
 * shopper (`notifyCustomer: true`), as the admin's own approve and decline do by default: the
 * portal sends one public reply per case, so without it the shopper would learn the answer only
 * by opening the case page again.
 */
export function createShopifyReturnDecisions(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): ReturnDecisions {
  const call = createAdminCaller(deps);
  return {
    async approveRequest(returnId) {
      const data = await call(RETURN_APPROVE_REQUEST_MUTATION, { input: { id: returnId, notifyCustomer: true } }, ApproveDataSchema);
      return resultOf(data.returnApproveRequest);
    },
    async declineRequest(returnId, reason, note) {
      const input = { id: returnId, declineReason: reason, notifyCustomer: true, ...(note ? { declineNote: note } : {}) };
      const data = await call(RETURN_DECLINE_REQUEST_MUTATION, { input }, DeclineDataSchema);
      return resultOf(data.returnDeclineRequest);
    },
  };
}
