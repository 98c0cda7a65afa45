import { hoursAgo, legacyIdOf, type BuildContext, type DraftLine } from './build-context.server';
import { addAmounts, amountOf, moneyBag, scaleAmount, type Amount } from './money.server';
import type { OrderSpec } from './order-spec.server';
import type { GqlObject } from './types.server';

export type BuiltRefunds = { refunds: GqlObject[]; lines: Amount; shipping: Amount; total: Amount };

/** Refunds with their refunded lines; a refund that settles a return is linked both ways. */
export function buildRefunds(
  spec: OrderSpec, order: GqlObject, lines: DraftLine[], returns: GqlObject[], shipping: Amount, ctx: BuildContext,
): BuiltRefunds {
  let refundedLines = amountOf(0, spec.currency);
  let refundedShipping = amountOf(0, spec.currency);
  const refunds = (spec.refunds ?? []).map((refund) => {
    const settled = refund.forReturn === undefined ? null : returns[refund.forReturn];
    if (refund.forReturn !== undefined && !settled) throw new Error(`Seed order #${spec.number}: refund for a missing return`);
    const parts: Amount[] = [];
    const refundLineItems = refund.lines.map(([index, quantity]) => {
      const line = lines[index];
      if (!line) throw new Error(`Seed order #${spec.number}: refund of missing line ${index}`);
      line.refunded += quantity;
      if (line.refunded > line.quantity) throw new Error(`Seed order #${spec.number}: line ${index} refunded twice`);
      parts.push(scaleAmount(line.unit, quantity));
      const restockType = spec.cancellation ? 'CANCEL' : settled ? 'RETURN' : 'NO_RESTOCK';
      return {
        __typename: 'RefundLineItem', id: ctx.nextId('RefundLineItem'), quantity, lineItem: line.item,
        restockType, restocked: restockType !== 'NO_RESTOCK', location: null,
        priceSet: moneyBag(line.unit), subtotalSet: moneyBag(scaleAmount(line.unit, quantity)),
        totalTaxSet: moneyBag(amountOf(0, spec.currency)),
      };
    });
    const linesTotal = addAmounts(spec.currency, parts);
    const shippingPart = refund.shipping ? shipping : amountOf(0, spec.currency);
    refundedLines = addAmounts(spec.currency, [refundedLines, linesTotal]);
    refundedShipping = addAmounts(spec.currency, [refundedShipping, shippingPart]);
    const id = ctx.nextId('Refund');
    const at = hoursAgo(ctx, refund.hoursAgo);
    const built: GqlObject = {
      __typename: 'Refund',
      id,
      legacyResourceId: legacyIdOf(id),
      createdAt: at,
      processedAt: at,
      updatedAt: at,
      note: refund.note,
      order,
      return: settled ?? null,
      totalRefundedSet: moneyBag(addAmounts(spec.currency, [linesTotal, shippingPart])),
      refundLineItems,
      refundShippingLines: [],
      orderAdjustments: [],
      transactions: [],
      duties: [],
      staffMember: null,
    };
    if (settled) (settled.refunds as GqlObject[]).push(built);
    return built;
  });
  return {
    refunds,
    lines: refundedLines,
    shipping: refundedShipping,
    total: addAmounts(spec.currency, [refundedLines, refundedShipping]),
  };
}
