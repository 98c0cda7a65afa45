import type { BuildContext, DraftLine } from './build-context.server';
import type { GqlObject } from './types.server';

/**
 * What `returnableFulfillments(orderId:)` answers: per fulfillment, the units that can still be
 * returned — shipped, not already in a return, not refunded. Gift cards are never returnable.
 */
export function buildReturnableFulfillments(
  fulfillments: GqlObject[],
  lines: DraftLine[],
  returnedByFulfillmentLine: Map<string, number>,
  refundedOutsideReturns: Map<DraftLine, number>,
  ctx: BuildContext,
): GqlObject[] {
  // Refunds without a return (damaged goods, goodwill) use up returnable units of that line.
  const refundLeft = new Map(refundedOutsideReturns);
  const result: GqlObject[] = [];
  for (const fulfillment of fulfillments) {
    const items: GqlObject[] = [];
    for (const fli of fulfillment.fulfillmentLineItems as GqlObject[]) {
      const line = lines.find((l) => l.item === fli.lineItem);
      if (!line || line.giftCard) continue;
      let quantity = Number(fli.quantity) - (returnedByFulfillmentLine.get(String(fli.id)) ?? 0);
      const refunded = Math.min(refundLeft.get(line) ?? 0, quantity);
      refundLeft.set(line, (refundLeft.get(line) ?? 0) - refunded);
      quantity -= refunded;
      if (quantity > 0) items.push({ __typename: 'ReturnableFulfillmentLineItem', fulfillmentLineItem: fli, quantity });
    }
    if (items.length) {
      result.push({
        __typename: 'ReturnableFulfillment',
        id: ctx.nextId('ReturnableFulfillment'),
        fulfillment,
        returnableFulfillmentLineItems: items,
      });
    }
  }
  return result;
}
