import { z } from 'zod';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { planReturnProcess, ReturnProcessInputSchema } from './return-process.server';
import { planReturn, ReturnInputSchema, userError, type ReturnUserError } from './return-validation.server';
import type { ReturnsStore } from './returns-store.server';
import { requireGid } from './root-resolvers.server';

const payload = (typename: string, ret: GqlObject | null, userErrors: ReturnUserError[] = []) => ({
  __typename: typename, return: userErrors.length ? null : ret, userErrors,
});

const IdInputSchema = z.object({ id: z.string() });
const ReverseDeliveryInputSchema = z.object({
  reverseFulfillmentOrderId: z.string(),
  reverseDeliveryLineItems: z.array(z.object({ reverseFulfillmentOrderLineItemId: z.string(), quantity: z.number().int() })),
  trackingInput: z.object({ number: z.string().nullish(), url: z.string().nullish() }).nullish(),
});
const DeclineInputSchema = IdInputSchema.extend({ declineReason: z.string(), declineNote: z.string().nullish() });

/** Longest decline note Shopify keeps (an inference: the Admin UI caps the field at 500). */
const MAX_DECLINE_NOTE = 500;

/**
 * The return mutations the portal uses, answering like the Admin API: a payload with the return,
 * or `return: null` and `userErrors` when the input or the return's state does not allow it.
 */
export function createReturnMutations(getSeed: () => Seed, getStore: () => ReturnsStore): Record<string, RootResolver> {
  const open = (via: 'returnRequest' | 'returnCreate', root: string, typename: string) => (args: Record<string, unknown>) => {
    const input = ReturnInputSchema.parse(args[root]);
    requireGid(input.orderId);
    const planned = planReturn(input, root, { seed: getSeed(), store: getStore(), via });
    return 'errors' in planned ? payload(typename, null, planned.errors) : payload(typename, getStore().open(planned.plan));
  };

  /** The return with this id in one of `statuses`, or the user error Shopify gives instead. */
  function findReturn(id: string, field: string[], statuses: string[], action: string): { ret: GqlObject } | { error: ReturnUserError } {
    const ret = getSeed().nodes.get(requireGid(id));
    if (ret?.__typename !== 'Return') return { error: userError(field, 'NOT_FOUND', 'Return does not exist.') };
    if (!statuses.includes(String(ret.status))) {
      return { error: userError(field, 'INVALID_STATE', `Return is not ${action}. Only returns with status ${statuses.join(' or ')} can be ${action.replace(/able$/, 'ed')}.`) };
    }
    return { ret };
  }

  return {
    returnRequest: open('returnRequest', 'input', 'ReturnRequestPayload'),
    returnCreate: open('returnCreate', 'returnInput', 'ReturnCreatePayload'),
    returnApproveRequest: (args) => {
      const { id } = IdInputSchema.parse(args.input);
      const found = findReturn(id, ['input', 'id'], ['REQUESTED'], 'approvable');
      if ('error' in found) return payload('ReturnApproveRequestPayload', null, [found.error]);
      getStore().approve(found.ret);
      return payload('ReturnApproveRequestPayload', found.ret);
    },
    returnDeclineRequest: (args) => {
      const input = DeclineInputSchema.parse(args.input);
      const found = findReturn(input.id, ['input', 'id'], ['REQUESTED'], 'declinable');
      if ('error' in found) return payload('ReturnDeclineRequestPayload', null, [found.error]);
      if ((input.declineNote?.length ?? 0) > MAX_DECLINE_NOTE) {
        const error = userError(['input', 'declineNote'], 'TOO_LONG', `Decline note is too long (maximum is ${MAX_DECLINE_NOTE} characters).`);
        return payload('ReturnDeclineRequestPayload', null, [error]);
      }
      getStore().close(found.ret, 'DECLINED', { reason: input.declineReason, note: input.declineNote ?? null });
      return payload('ReturnDeclineRequestPayload', found.ret);
    },
    // The shopper's own shipment back: lines of the reverse fulfillment order, at most what it expects.
    reverseDeliveryCreateWithShipping: (args) => {
      const input = ReverseDeliveryInputSchema.parse(args);
      const typename = 'ReverseDeliveryCreateWithShippingPayload';
      const fail = (field: string[], code: string, message: string) => ({ __typename: typename, reverseDelivery: null, userErrors: [userError(field, code, message)] });
      const rfo = getSeed().nodes.get(requireGid(input.reverseFulfillmentOrderId));
      if (rfo?.__typename !== 'ReverseFulfillmentOrder') return fail(['reverseFulfillmentOrderId'], 'NOT_FOUND', 'Reverse fulfillment order does not exist.');
      const items = (rfo.lineItems ?? []) as GqlObject[];
      const lines = [];
      for (const [index, line] of input.reverseDeliveryLineItems.entries()) {
        const item = items.find((candidate) => candidate.id === line.reverseFulfillmentOrderLineItemId);
        const field = ['reverseDeliveryLineItems', String(index)];
        if (!item) return fail([...field, 'reverseFulfillmentOrderLineItemId'], 'NOT_FOUND', 'Reverse fulfillment order line item does not exist.');
        if (line.quantity < 1 || line.quantity > Number(item.totalQuantity)) return fail([...field, 'quantity'], 'INVALID', 'Quantity is not valid for this line item.');
        lines.push({ item, quantity: line.quantity });
      }
      if (lines.length === 0) return fail(['reverseDeliveryLineItems'], 'BLANK', 'Reverse delivery line items can\'t be blank.');
      const tracking = { number: input.trackingInput?.number ?? null, url: input.trackingInput?.url ?? null };
      return { __typename: typename, reverseDelivery: getStore().addReverseDelivery(rfo, lines, tracking), userErrors: [] };
    },
    // An invoice for what the order still owes (a dearer exchange): emailed to the order's customer.
    orderInvoiceSend: (args) => {
      const order = getSeed().nodes.get(requireGid(String(args.id)));
      const fail = (message: string) => ({
        __typename: 'OrderInvoiceSendPayload', order: null,
        userErrors: [{ __typename: 'OrderInvoiceSendUserError', field: ['id'], code: 'ORDER_INVOICE_SEND_UNSUCCESSFUL', message }],
      });
      if (order?.__typename !== 'Order') return fail('Order does not exist.');
      const sent = getStore().sendInvoice(order as SeedOrder);
      return sent.ok ? { __typename: 'OrderInvoiceSendPayload', order, userErrors: [] } : fail(sent.message);
    },
    // Exchange units join the order to ship; returned units are received; all processed closes the return.
    returnProcess: (args) => {
      const planned = planReturnProcess(ReturnProcessInputSchema.parse(args.input), getSeed());
      if ('errors' in planned) return payload('ReturnProcessPayload', null, planned.errors);
      getStore().process(planned.plan);
      return payload('ReturnProcessPayload', planned.plan.ret);
    },
    // Shopify allows a cancel only before any work (inspection, refund) was done on the return.
    returnCancel: (args) => {
      const found = findReturn(String(args.id), ['id'], ['REQUESTED', 'OPEN'], 'cancelable');
      if ('error' in found) return payload('ReturnCancelPayload', null, [found.error]);
      const lines = [...((found.ret.returnLineItems ?? []) as GqlObject[]), ...((found.ret.exchangeLineItems ?? []) as GqlObject[])];
      if (lines.some((line) => Number(line.processedQuantity) > 0)) {
        return payload('ReturnCancelPayload', null, [userError(['id'], 'INVALID_STATE', 'Return has processed items and can no longer be canceled.')]);
      }
      getStore().close(found.ret, 'CANCELED', null);
      return payload('ReturnCancelPayload', found.ret);
    },
  };
}
