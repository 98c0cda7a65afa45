import type { LabelProvider, LabelRequest, LabelRequestResult } from '~/labels/ports';
import { isUpstreamError } from '~/utils/upstream-error';
import type { AftershipClient } from './client.server';
import { toIssuedLabel, toParcelUpdate, toSnapshotStep } from './parcel-update';
import type { AftershipReturn, CreateReturnBody } from './schemas';

export type AftershipLabelOptions = {
  /** The store as AfterShip knows it: the shop's handle (`comptoir-demo` of `comptoir-demo.myshopify.com`). */
  storeExternalId: string;
  /** Why a return is rejected when the portal cancels its label (AfterShip keeps it, 1–1000 characters). */
  cancelReason?: string;
};

/** The store as AfterShip names a Shopify shop: its handle (`comptoir-demo.myshopify.com` → `comptoir-demo`). */
export const toAftershipStoreId = (shopDomain: string) => shopDomain.replace(/\.myshopify\.com$/i, '');

/** The numeric id at the end of a Shopify GID (`gid://shopify/LineItem/123` → `123`), or the value itself. */
export const toShopifyLegacyId = (id: string) => /\/(\d+)$/.exec(id)?.[1] ?? id;

/** Returns that are over: a new attempt must not reuse them. */
const CLOSED = new Set(['rejected', 'expired']);

/** Our lines as AfterShip counts them: order item id → quantity. */
function itemCounts(items: Array<{ id: string; quantity: number }>): string {
  const counts = new Map<string, number>();
  for (const { id, quantity } of items) counts.set(id, (counts.get(id) ?? 0) + quantity);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([id, quantity]) => `${id}×${quantity}`).join(',');
}

function toCreateBody(request: LabelRequest, storeExternalId: string): CreateReturnBody {
  return {
    order: { external_id: toShopifyLegacyId(request.orderId), store: { platform: 'shopify', external_id: storeExternalId } },
    return_items: request.lines.map((line) => ({
      external_order_item_id: toShopifyLegacyId(line.lineItemId),
      intended_return_quantity: line.quantity,
      return_reason: line.reasonText,
      ...(line.note ? { return_reason_comment: line.note } : {}),
      resolution: 'refund' as const,
    })),
    return_method: { type: 'retailer_label' },
    refund_destination: request.refundMethod,
  };
}

const isCode = (error: unknown, code: string) => isUpstreamError(error) && error.code === code;

/**
 * AfterShip Returns behind our `LabelProvider`: a refund return with a retailer label, created from
 * the case's lines, approved with `generate_label`, then read back for the label. AfterShip keeps
 * no reference of ours on the return (the label reference is only printed), so a retry recognises
 * an earlier attempt by what it is: a return of the same order, for the same items and quantities,
 * not rejected or expired. A case never gets two returns, hence never two labels.
 */
export function createAftershipLabelProvider(client: AftershipClient, options: AftershipLabelOptions): LabelProvider {
  async function findEarlierAttempt(request: LabelRequest): Promise<AftershipReturn | null> {
    const wanted = itemCounts(request.lines.map((l) => ({ id: toShopifyLegacyId(l.lineItemId), quantity: l.quantity })));
    const returns = await client.listReturnsOfOrder(request.orderName);
    return returns.find((r) => !CLOSED.has(r.approval_status)
      && itemCounts(r.return_items.map((i) => ({ id: i.external_order_item_id ?? '', quantity: i.intended_return_quantity ?? 0 }))) === wanted) ?? null;
  }

  async function approve(ret: AftershipReturn, caseId: string): Promise<AftershipReturn> {
    try {
      return await client.approveReturn(ret.id, { notify_customer: false, generate_label: true, customize_label_info: { label_reference: caseId } });
    } catch (error) {
      // 40900: approved meanwhile (an earlier attempt's approve did go through).
      if (isCode(error, 'CONFLICT')) return client.getReturn(ret.id);
      throw error;
    }
  }

  async function portalUrlOf(request: LabelRequest): Promise<string | null> {
    try {
      return await client.createReturnLink({ order_number: request.orderName, customer_email: request.customerEmail });
    } catch {
      // The link is a convenience: the label still arrives by webhook.
      return null;
    }
  }

  return {
    name: 'aftership',

    /** Up to 5 calls: list (find an earlier attempt), create, approve, get, and a link while the label is pending. @throws UpstreamError */
    async requestLabel(request): Promise<LabelRequestResult> {
      let ret = await findEarlierAttempt(request);
      if (!ret) {
        try {
          ret = await client.createReturn(toCreateBody(request, options.storeExternalId));
        } catch (error) {
          if (!isCode(error, 'UNPROCESSABLE')) throw error;
          // 42200 also answers a second attempt racing the first for the same items: take the first's.
          ret = await findEarlierAttempt(request);
          // Otherwise AfterShip will not take this return (items, policy); asking again changes nothing.
          if (!ret) return { status: 'refused', code: 'aftership_unprocessable', message: (error as Error).message };
        }
      }
      if (ret.approval_status === 'submitted') ret = await approve(ret, request.caseId);
      if (CLOSED.has(ret.approval_status)) return { status: 'refused', code: `aftership_${ret.approval_status}`, message: `The AfterShip return is ${ret.approval_status}` };
      // The approve answer may predate the label: read the return back for it.
      const current = toIssuedLabel(ret) ? ret : await client.getReturn(ret.id);
      const label = toIssuedLabel(current);
      if (label) return { status: 'issued', label };
      return { status: 'pending', providerReturnId: current.id, portalUrl: await portalUrlOf(request) };
    },

    /** Rejects the return, which voids its label; an already rejected return is not an error. @throws UpstreamError */
    async cancelLabel(providerReturnId) {
      try {
        await client.rejectReturn(providerReturnId, { reject_reason: options.cancelReason ?? 'Cancelled from Comptoir', notify_customer: false });
      } catch (error) {
        if (!isCode(error, 'CONFLICT')) throw error;
        const current = await client.getReturn(providerReturnId);
        if (current.approval_status !== 'rejected') throw error;
      }
    },

    /** One call; null for a return AfterShip does not know. @throws UpstreamError */
    async getStatus(providerReturnId) {
      try {
        const ret = await client.getReturn(providerReturnId);
        return toParcelUpdate(ret, toSnapshotStep(ret));
      } catch (error) {
        if (isCode(error, 'NOT_FOUND')) return null;
        throw error;
      }
    },
  };
}
