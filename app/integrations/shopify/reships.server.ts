import { z } from 'zod';
import type { ReshipRequest, ReshipResult, Reships } from '~/replacements/ports';
import type { AdminCall } from './admin-caller.server';
import { RESHIP_DRAFT_COMPLETE_MUTATION, RESHIP_DRAFT_CREATE_MUTATION, RESHIP_DRAFTS_QUERY, RESHIP_ORDER_QUERY } from './reships-queries';

export type { ReshipRequest, ReshipResult, Reships } from '~/replacements/ports';

const UserErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() }));
const MadeOrderSchema = z.object({ id: z.string(), name: z.string() });
const DraftsDataSchema = z.object({
  draftOrders: z.object({ nodes: z.array(z.object({ id: z.string(), status: z.string(), tags: z.array(z.string()), order: MadeOrderSchema.nullable() })) }),
});
const text = z.string().nullable();
const OrderDataSchema = z.object({
  order: z.object({
    id: z.string(), name: z.string(), email: text, presentmentCurrencyCode: z.string(),
    customer: z.object({ id: z.string() }).nullable(),
    shippingAddress: z.object({
      firstName: text, lastName: text, company: text, address1: text, address2: text, city: text, provinceCode: text, countryCodeV2: text, zip: text, phone: text,
    }).nullable(),
    lineItems: z.object({ nodes: z.array(z.object({ id: z.string(), variant: z.object({ id: z.string() }).nullable() })) }),
  }).nullable(),
});
const CreateDataSchema = z.object({ draftOrderCreate: z.object({ draftOrder: z.object({ id: z.string() }).nullable(), userErrors: UserErrorsSchema }) });
const CompleteDataSchema = z.object({
  draftOrderComplete: z.object({ draftOrder: z.object({ id: z.string(), order: MadeOrderSchema.nullable() }).nullable(), userErrors: UserErrorsSchema }),
});

const refused = (code: string, message: string): ReshipResult => ({ ok: false, code, message });
/** Tag that marks the case's replacement, the portal's own tag beside it. */
const TAGS = (caseId: string) => ['comptoir', caseId];

/**
 * Free replacement orders through the Admin API: a draft order of the same variants, a 100 %
 * discount, the original's customer and shipping address, tagged `comptoir` and the case id, then
 * completed, which marks it paid (nothing is owed). A draft, not `orderCreate`:
 * Shopify documents orderCreate for orders made outside its checkout (imports, wholesale), where
 * the caller replicates pricing, discounts and taxes; a draft is how staff make an order for a
 * customer, priced by Shopify from the variants, and its completion reserves stock and starts
 * fulfilment like any order. Never twice: the drafts tagged with the case are read first — a
 * completed one is the replacement (`already`), an open one is completed rather than made again.
 */
export function createReships(call: AdminCall): Reships {
  async function complete(draftId: string): Promise<ReshipResult> {
    const { draftOrderComplete } = await call(RESHIP_DRAFT_COMPLETE_MUTATION, { id: draftId }, CompleteDataSchema);
    const order = draftOrderComplete.draftOrder?.order;
    if (!order) return refused('REFUSED', draftOrderComplete.userErrors.map((error) => error.message).join(' ') || 'Shopify made no order from the draft');
    return { ok: true, orderId: order.id, orderName: order.name, already: false };
  }

  return {
    /** ComptoirReshipDrafts, then ComptoirReshipOrder, ComptoirReshipDraftCreate and ComptoirReshipDraftComplete as needed. @throws UpstreamError */
    async reship(request: ReshipRequest): Promise<ReshipResult> {
      const { draftOrders } = await call(RESHIP_DRAFTS_QUERY, { query: `tag:'${request.caseId}'` }, DraftsDataSchema);
      const earlier = draftOrders.nodes.find((draft) => draft.tags.includes(request.caseId));
      if (earlier?.order) return { ok: true, orderId: earlier.order.id, orderName: earlier.order.name, already: true };
      if (earlier) return complete(earlier.id);

      const { order } = await call(RESHIP_ORDER_QUERY, { orderId: request.orderId }, OrderDataSchema);
      if (!order) return refused('ORDER_NOT_FOUND', `Order ${request.orderId} does not exist`);
      const lineItems = [];
      for (const line of request.lines) {
        const found = order.lineItems.nodes.find((node) => node.id === line.lineItemId);
        if (!found) return refused('LINE_NOT_FOUND', `Line ${line.lineItemId} is not on ${order.name}`);
        if (!found.variant) return refused('NO_VARIANT', `Line ${line.lineItemId} of ${order.name} has no product variant left to send`);
        lineItems.push({ variantId: found.variant.id, quantity: line.quantity });
      }
      const { countryCodeV2, ...address } = order.shippingAddress ?? { countryCodeV2: null };
      const input = {
        lineItems,
        appliedDiscount: { value: 100, valueType: 'PERCENTAGE', title: 'Replacement', description: request.caseId },
        ...(order.shippingAddress ? { shippingAddress: { ...address, countryCode: countryCodeV2 } } : {}),
        ...(order.customer ? { purchasingEntity: { customerId: order.customer.id } } : {}),
        ...(order.email ? { email: order.email } : {}),
        presentmentCurrencyCode: order.presentmentCurrencyCode,
        tags: TAGS(request.caseId),
        note: request.note,
      };
      const { draftOrderCreate } = await call(RESHIP_DRAFT_CREATE_MUTATION, { input }, CreateDataSchema);
      if (!draftOrderCreate.draftOrder) return refused('REFUSED', draftOrderCreate.userErrors.map((error) => error.message).join(' ') || 'Shopify made no draft');
      return complete(draftOrderCreate.draftOrder.id);
    },
  };
}
