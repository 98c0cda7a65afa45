import { hoursAgo, legacyIdOf, type BuildContext, type DraftLine } from './build-context.server';
import { addAmounts, amountOf, moneyBag, scaleAmount, type Amount } from './money.server';
import type { OrderSpec } from './order-spec.server';
import type { GqlObject } from './types.server';

export type BuiltRefunds = { refunds: GqlObject[]; lines: Amount; shipping: Amount; total: Amount };

/** `quantity` units of an order line refunded at `unit`; CANCEL and RETURN restock, NO_RESTOCK does not. */
export function buildRefundLineItem(id: string, lineItem: GqlObject, unit: Amount, quantity: number, restockType: 'CANCEL' | 'RETURN' | 'NO_RESTOCK'): GqlObject {
  return {
    __typename: 'RefundLineItem', id, quantity, lineItem,
    restockType, restocked: restockType !== 'NO_RESTOCK', location: null,
    priceSet: moneyBag(unit), subtotalSet: moneyBag(scaleAmount(unit, quantity)),
    totalTaxSet: moneyBag(amountOf(0, unit.currency)),
  };
}

/** A `Refund` as the Admin API serves it; `transactions` are the money movements behind it (the seed's own refunds carry none). */
export function buildRefundNode(init: {
  id: string; at: string; note: string | null; order: GqlObject; settled: GqlObject | null;
  refundLineItems: GqlObject[]; total: Amount; transactions: GqlObject[];
}): GqlObject {
  return {
    __typename: 'Refund',
    id: init.id,
    legacyResourceId: legacyIdOf(init.id),
    createdAt: init.at,
    processedAt: init.at,
    updatedAt: init.at,
    note: init.note,
    order: init.order,
    return: init.settled,
    totalRefundedSet: moneyBag(init.total),
    refundLineItems: init.refundLineItems,
    refundShippingLines: [],
    orderAdjustments: [],
    transactions: init.transactions,
    duties: [],
    staffMember: null,
  };
}

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
      return buildRefundLineItem(ctx.nextId('RefundLineItem'), line.item, line.unit, quantity, restockType);
    });
    const linesTotal = addAmounts(spec.currency, parts);
    const shippingPart = refund.shipping ? shipping : amountOf(0, spec.currency);
    refundedLines = addAmounts(spec.currency, [refundedLines, linesTotal]);
    refundedShipping = addAmounts(spec.currency, [refundedShipping, shippingPart]);
    const built = buildRefundNode({
      id: ctx.nextId('Refund'), at: hoursAgo(ctx, refund.hoursAgo), note: refund.note, order, settled: settled ?? null,
      refundLineItems, total: addAmounts(spec.currency, [linesTotal, shippingPart]), transactions: [],
    });
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
