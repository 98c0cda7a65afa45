import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GqlObject, Seed } from '~/sandbox/seed/types.server';
import { userError, type ReturnUserError } from './return-validation.server';
import { requireGid } from './root-resolvers.server';

// Arguments arrive already coerced by graphql-js; these schemas give them types at the emulator's edge.
const DispositionSchema = z.object({
  reverseFulfillmentOrderLineItemId: z.string(),
  quantity: z.number().int(),
  dispositionType: z.enum(['MISSING', 'NOT_RESTOCKED', 'PROCESSING_REQUIRED', 'RESTOCKED']),
  locationId: z.string().nullish(),
});
const LineSchema = z.object({ id: z.string(), quantity: z.number().int() });
export const ReturnProcessInputSchema = z.object({
  returnId: z.string(),
  returnLineItems: z.array(LineSchema.extend({ dispositions: z.array(DispositionSchema).nullish() })).nullish(),
  exchangeLineItems: z.array(LineSchema).nullish(),
  notifyCustomer: z.boolean().nullish(),
  note: z.string().nullish(),
  // Money moves the emulator does not model: refused loudly rather than silently dropped.
  financialTransfer: z.unknown().nullish(),
  refundDuties: z.array(z.unknown()).nullish(),
  refundShipping: z.unknown().nullish(),
  tipLineId: z.string().nullish(),
});
export type ReturnProcessInput = z.infer<typeof ReturnProcessInputSchema>;
type ReturnLineEntry = NonNullable<ReturnProcessInput['returnLineItems']>[number];

export type Disposition = { item: GqlObject; quantity: number; type: z.infer<typeof DispositionSchema>['dispositionType']; locationId: string | null };

/** What a valid `returnProcess` input does: units of each line to process, with their dispositions. */
export type ProcessPlan = {
  ret: GqlObject;
  returnLines: Array<{ rli: GqlObject; quantity: number; dispositions: Disposition[] }>;
  exchangeLines: Array<{ eli: GqlObject; quantity: number }>;
};

const list = (value: unknown) => (value ?? []) as GqlObject[];

function refuseUnmodelled(input: ReturnProcessInput): void {
  const present = { financialTransfer: input.financialTransfer != null, refundDuties: Boolean(input.refundDuties?.length), refundShipping: input.refundShipping != null, tipLineId: input.tipLineId != null };
  const unmodelled = Object.entries(present).filter(([, given]) => given).map(([key]) => key);
  if (unmodelled.length === 0) return;
  throw new GraphQLError(`returnProcess(input: { ${unmodelled.join(', ')} }) is not supported by the Comptoir sandbox Shopify emulator`, {
    extensions: { code: 'NOT_SUPPORTED_BY_EMULATOR' },
  });
}

/**
 * Checks quantities of lines of the return: each line of `candidates` by id, at least one unit,
 * and (several entries may name the same line) together no more than it has unprocessed.
 */
function planQuantities<T extends { id: string; quantity: number }>(
  entries: T[], candidates: GqlObject[], path: string[], what: string, errors: ReturnUserError[],
): Array<{ line: GqlObject; entry: T; path: string[] }> {
  const asked = new Map<GqlObject, number>();
  const planned: Array<{ line: GqlObject; entry: T; path: string[] }> = [];
  entries.forEach((entry, index) => {
    const at = [...path, String(index)];
    const line = candidates.find((candidate) => candidate.id === entry.id);
    if (!line) return void errors.push(userError([...at, 'id'], 'NOT_FOUND', `${what} does not exist on this return.`));
    if (entry.quantity < 1) return void errors.push(userError([...at, 'quantity'], 'GREATER_THAN', 'Quantity must be greater than 0.'));
    const total = (asked.get(line) ?? 0) + entry.quantity;
    asked.set(line, total);
    const unprocessed = Number(line.unprocessedQuantity);
    if (total > unprocessed) return void errors.push(userError([...at, 'quantity'], 'TOO_BIG', `Quantity cannot exceed the unprocessed quantity of ${unprocessed}.`));
    planned.push({ line, entry, path: at });
  });
  return planned;
}

function planDispositions(rli: GqlObject, ret: GqlObject, entry: ReturnLineEntry, path: string[], errors: ReturnUserError[]): Disposition[] {
  const items = list(ret.reverseFulfillmentOrders).flatMap((rfo) => list(rfo.lineItems)).filter((item) => item.fulfillmentLineItem === rli.fulfillmentLineItem);
  let disposed = 0;
  const dispositions: Disposition[] = [];
  (entry.dispositions ?? []).forEach((disposition, index) => {
    const at = [...path, 'dispositions', String(index)];
    const item = items.find((candidate) => candidate.id === disposition.reverseFulfillmentOrderLineItemId);
    if (!item) return void errors.push(userError([...at, 'reverseFulfillmentOrderLineItemId'], 'NOT_FOUND', 'Reverse fulfillment order line item does not exist for this return line item.'));
    if (disposition.quantity < 1) return void errors.push(userError([...at, 'quantity'], 'GREATER_THAN', 'Quantity must be greater than 0.'));
    disposed += disposition.quantity;
    if (disposed > entry.quantity) return void errors.push(userError([...at, 'quantity'], 'TOO_BIG', `Disposed quantity cannot exceed the processed quantity of ${entry.quantity}.`));
    dispositions.push({ item, quantity: disposition.quantity, type: disposition.dispositionType, locationId: disposition.locationId ?? null });
  });
  return dispositions;
}

/**
 * Checks a `returnProcess` input as Shopify does: an OPEN return, lines of that return, quantities
 * within what is unprocessed. Either the plan, or every problem with its input path.
 */
export function planReturnProcess(input: ReturnProcessInput, seed: Seed): { plan: ProcessPlan } | { errors: ReturnUserError[] } {
  refuseUnmodelled(input);
  const ret = seed.nodes.get(requireGid(input.returnId));
  if (ret?.__typename !== 'Return') return { errors: [userError(['input', 'returnId'], 'NOT_FOUND', 'Return does not exist.')] };
  if (ret.status !== 'OPEN') {
    return { errors: [userError(['input', 'returnId'], 'INVALID_STATE', 'Return is not processable. Only returns with status OPEN can be processed.')] };
  }
  const returnEntries = input.returnLineItems ?? [];
  const exchangeEntries = input.exchangeLineItems ?? [];
  if (returnEntries.length === 0 && exchangeEntries.length === 0) {
    return { errors: [userError(['input', 'returnLineItems'], 'BLANK', 'Return line items or exchange line items must be present.')] };
  }
  const errors: ReturnUserError[] = [];
  const returnLines = planQuantities(returnEntries, list(ret.returnLineItems), ['input', 'returnLineItems'], 'Return line item', errors)
    .map(({ line, entry, path }) => ({ rli: line, quantity: entry.quantity, dispositions: planDispositions(line, ret, entry, path, errors) }));
  const exchangeLines = planQuantities(exchangeEntries, list(ret.exchangeLineItems), ['input', 'exchangeLineItems'], 'Exchange line item', errors)
    .map(({ line, entry }) => ({ eli: line, quantity: entry.quantity }));
  return errors.length ? { errors } : { plan: { ret, returnLines, exchangeLines } };
}
