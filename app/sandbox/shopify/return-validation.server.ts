import { z } from 'zod';
import { LEGACY_REASON } from '~/sandbox/seed/order-returns.server';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { canSupply } from './inventory.server';
import type { PlannedReturnLine, ReturnPlan, ReturnsStore } from './returns-store.server';

/** `ReturnUserError` as the Admin API returns it: a path into the input, a message, a code. */
export type ReturnUserError = { __typename: 'ReturnUserError'; field: string[] | null; message: string; code: string };

export const userError = (field: string[] | null, code: string, message: string): ReturnUserError => ({
  __typename: 'ReturnUserError', field, message, code,
});

// Arguments arrive already coerced by graphql-js; these schemas give them types at the emulator's edge.
const LineSchema = z.object({
  fulfillmentLineItemId: z.string(),
  quantity: z.number().int(),
  returnReasonDefinitionId: z.string().nullish(),
  returnReason: z.string().nullish(),
  customerNote: z.string().nullish(),
  returnReasonNote: z.string().nullish(),
});
const ExchangeSchema = z.object({ variantId: z.string().nullish(), quantity: z.number().int() });
export const ReturnInputSchema = z.object({
  orderId: z.string(),
  returnLineItems: z.array(LineSchema),
  exchangeLineItems: z.array(ExchangeSchema).nullish(),
  requestedAt: z.string().nullish(),
});
export type ReturnInput = z.infer<typeof ReturnInputSchema>;

/** Documented maximum lengths (schema descriptions of the two input types). */
const MAX_CUSTOMER_NOTE = 300;
const MAX_REASON_NOTE = 255;

type Context = { seed: Seed; store: ReturnsStore; via: ReturnPlan['via'] };

function checkReason(line: z.infer<typeof LineSchema>, path: string[], seed: Seed, errors: ReturnUserError[]): GqlObject | null {
  if (!line.returnReasonDefinitionId) return null;
  const reason = seed.nodes.get(line.returnReasonDefinitionId);
  if (reason?.__typename !== 'ReturnReasonDefinition') {
    errors.push(userError([...path, 'returnReasonDefinitionId'], 'NOT_FOUND', 'Return reason definition does not exist.'));
    return null;
  }
  if (reason.deleted === true) {
    errors.push(userError([...path, 'returnReasonDefinitionId'], 'INVALID', 'Return reason definition has been deleted and can no longer be used.'));
    return null;
  }
  return reason;
}

function planLines(order: SeedOrder, input: ReturnInput, root: string, { seed, store }: Context, errors: ReturnUserError[]) {
  const inOrder = new Map<string, GqlObject>();
  for (const fulfillment of (order.fulfillments ?? []) as GqlObject[]) {
    for (const fli of (fulfillment.fulfillmentLineItems ?? []) as GqlObject[]) inOrder.set(String(fli.id), fli);
  }
  const asked = new Map<string, number>();
  const lines: PlannedReturnLine[] = [];
  input.returnLineItems.forEach((line, index) => {
    const path = [root, 'returnLineItems', String(index)];
    const fli = inOrder.get(line.fulfillmentLineItemId);
    if (!fli) {
      errors.push(userError([...path, 'fulfillmentLineItemId'], 'NOT_FOUND', 'Fulfillment line item does not exist on this order.'));
    } else if (line.quantity < 1) {
      errors.push(userError([...path, 'quantity'], 'GREATER_THAN', 'Quantity must be greater than 0.'));
    } else {
      // Several lines may name the same fulfillment line: together they must fit.
      const total = (asked.get(fli.id as string) ?? 0) + line.quantity;
      asked.set(String(fli.id), total);
      const returnable = store.returnableQuantity(String(fli.id));
      if (total > returnable) {
        errors.push(userError([...path, 'quantity'], 'TOO_BIG', `Quantity cannot exceed the returnable quantity of ${returnable}.`));
      }
    }
    const reason = checkReason(line, path, seed, errors);
    if ((line.customerNote?.length ?? 0) > MAX_CUSTOMER_NOTE) {
      errors.push(userError([...path, 'customerNote'], 'TOO_LONG', `Customer note is too long (maximum is ${MAX_CUSTOMER_NOTE} characters).`));
    }
    if ((line.returnReasonNote?.length ?? 0) > MAX_REASON_NOTE) {
      errors.push(userError([...path, 'returnReasonNote'], 'TOO_LONG', `Return reason note is too long (maximum is ${MAX_REASON_NOTE} characters).`));
    }
    if (fli) {
      lines.push({
        fulfillmentLineItem: fli, quantity: line.quantity, reason,
        legacyReason: line.returnReason ?? LEGACY_REASON[String(reason?.handle)] ?? (reason ? 'OTHER' : 'UNKNOWN'),
        customerNote: line.customerNote ?? null,
        returnReasonNote: line.returnReasonNote ?? '',
      });
    }
  });
  return lines;
}

function planExchanges(input: ReturnInput, root: string, seed: Seed, errors: ReturnUserError[]) {
  const exchanges: ReturnPlan['exchanges'] = [];
  const asked = new Map<GqlObject, number>();
  (input.exchangeLineItems ?? []).forEach((line, index) => {
    const path = [root, 'exchangeLineItems', String(index)];
    const variant = line.variantId ? seed.nodes.get(line.variantId) : undefined;
    if (!line.variantId) return void errors.push(userError([...path, 'variantId'], 'BLANK', "Variant can't be blank."));
    if (variant?.__typename !== 'ProductVariant') {
      return void errors.push(userError([...path, 'variantId'], 'NOT_FOUND', 'Variant does not exist.'));
    }
    if (line.quantity < 1) return void errors.push(userError([...path, 'quantity'], 'GREATER_THAN', 'Quantity must be greater than 0.'));
    const total = (asked.get(variant) ?? 0) + line.quantity;
    asked.set(variant, total);
    if (!canSupply(variant, total)) {
      return void errors.push(userError([...path, 'variantId'], 'INVALID', 'Variant is not available for sale in the requested quantity.'));
    }
    exchanges.push({ variant, quantity: line.quantity });
  });
  return exchanges;
}

/**
 * Checks a returnRequest/returnCreate input the way Shopify does and either plans the return or
 * lists every problem found, each with its input path (`["input","returnLineItems","0","quantity"]`).
 */
export function planReturn(input: ReturnInput, root: string, context: Context): { plan: ReturnPlan } | { errors: ReturnUserError[] } {
  const order = context.seed.nodes.get(input.orderId);
  if (order?.__typename !== 'Order') return { errors: [userError([root, 'orderId'], 'NOT_FOUND', 'Order does not exist.')] };
  if (!input.returnLineItems.length) {
    return { errors: [userError([root, 'returnLineItems'], 'BLANK', "Return line items can't be blank.")] };
  }
  const errors: ReturnUserError[] = [];
  const lines = planLines(order as SeedOrder, input, root, context, errors);
  const exchanges = planExchanges(input, root, context.seed, errors);
  if (input.requestedAt && Number.isNaN(Date.parse(input.requestedAt))) {
    errors.push(userError([root, 'requestedAt'], 'INVALID', 'Requested at is not a valid date and time.'));
  }
  if (errors.length) return { errors };
  const createdAt = input.requestedAt ? new Date(input.requestedAt).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  const status = context.via === 'returnRequest' ? 'REQUESTED' : 'OPEN';
  return { plan: { order: order as SeedOrder, status, via: context.via, createdAt, lines, exchanges } };
}
