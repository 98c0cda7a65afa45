import { hoursAgo, type BuildContext, type DraftLine } from './build-context.server';
import { moneyBag, scaleAmount } from './money.server';
import type { OrderSpec } from './order-spec.server';
import type { GqlObject } from './types.server';

/** The deprecated `ReturnReason` enum still served next to the new definitions. */
export const LEGACY_REASON: Record<string, string> = {
  'size-too-small': 'SIZE_TOO_SMALL', 'size-too-large': 'SIZE_TOO_LARGE', defective: 'DEFECTIVE',
  'not-as-described': 'NOT_AS_DESCRIBED', 'changed-mind': 'UNWANTED', 'wrong-item': 'WRONG_ITEM',
};

export type BuiltReturns = {
  returns: GqlObject[];
  /** Units per fulfillment line item already requested, in return or returned. */
  returnedByFulfillmentLine: Map<string, number>;
};

function findFulfillmentLine(spec: OrderSpec, fulfillments: GqlObject[], parcel: number, line: DraftLine | undefined): GqlObject {
  const items = (fulfillments[parcel]?.fulfillmentLineItems ?? []) as GqlObject[];
  const found = items.find((fli) => fli.lineItem === line?.item);
  if (!found) throw new Error(`Seed order #${spec.number}: return refers to a line not in parcel ${parcel}`);
  return found;
}

/** Returns with their line items (linked to fulfillment line items) and exchange lines. */
export function buildReturns(spec: OrderSpec, order: GqlObject, fulfillments: GqlObject[], lines: DraftLine[], ctx: BuildContext): BuiltReturns {
  const returnedByFulfillmentLine = new Map<string, number>();
  const returns = (spec.returns ?? []).map((ret, index) => {
    const active = ret.status === 'REQUESTED' || ret.status === 'OPEN';
    const approved = ret.status === 'OPEN' || ret.status === 'CLOSED';
    const returnLineItems = ret.lines.map((rl) => {
      const line = lines[rl.line];
      const fli = findFulfillmentLine(spec, fulfillments, rl.parcel, line);
      const reason = ctx.reasons.get(rl.reason);
      if (!line || !reason) throw new Error(`Seed order #${spec.number}: bad return line ${JSON.stringify(rl)}`);
      if (active) line.inOpenReturn += rl.quantity;
      if (ret.status !== 'DECLINED') {
        const key = String(fli.id);
        returnedByFulfillmentLine.set(key, (returnedByFulfillmentLine.get(key) ?? 0) + rl.quantity);
      }
      return {
        __typename: 'ReturnLineItem',
        id: ctx.nextId('ReturnLineItem'),
        quantity: rl.quantity,
        fulfillmentLineItem: fli,
        returnReasonDefinition: reason,
        returnReason: LEGACY_REASON[rl.reason] ?? 'OTHER',
        returnReasonNote: '',
        customerNote: rl.note ?? null,
        processableQuantity: approved && ret.status !== 'CLOSED' ? rl.quantity : 0,
        processedQuantity: ret.status === 'CLOSED' ? rl.quantity : 0,
        unprocessedQuantity: ret.status === 'CLOSED' ? 0 : rl.quantity,
        refundableQuantity: ret.status === 'CLOSED' ? 0 : rl.quantity,
        refundedQuantity: ret.status === 'CLOSED' ? rl.quantity : 0,
        restockingFee: null,
        totalWeight: null,
        withCodeDiscountedTotalPriceSet: moneyBag(scaleAmount(line.unit, rl.quantity)),
      };
    });
    const exchangeLineItems = (ret.exchanges ?? []).map(({ sku, quantity }) => {
      const variant = ctx.catalog.variantsBySku.get(sku);
      if (!variant) throw new Error(`Seed order #${spec.number}: unknown exchange SKU ${sku}`);
      const product = variant.product as GqlObject;
      return {
        __typename: 'ExchangeLineItem', id: ctx.nextId('ExchangeLineItem'), quantity,
        variantId: variant.id, productId: product.id, title: product.title, variantTitle: variant.title, variantSku: sku,
        processableQuantity: approved && ret.status !== 'CLOSED' ? quantity : 0, processedQuantity: 0, unprocessedQuantity: quantity, lineItems: null, lineItem: null,
      };
    });
    const createdAt = hoursAgo(ctx, ret.hoursAgo);
    return {
      __typename: 'Return',
      id: ctx.nextId('Return'),
      name: `${String(order.name)}-R${index + 1}`,
      status: ret.status,
      order,
      createdAt,
      requestApprovedAt: approved ? hoursAgo(ctx, ret.hoursAgo - 1) : null,
      closedAt: ret.status === 'CLOSED' ? hoursAgo(ctx, Math.max(ret.hoursAgo - 60, 1)) : null,
      decline: ret.status === 'DECLINED' ? { __typename: 'ReturnDecline', reason: 'OTHER', note: null } : null,
      totalQuantity: returnLineItems.reduce((sum, item) => sum + item.quantity, 0),
      returnLineItems,
      exchangeLineItems,
      refunds: [],
      returnShippingFees: [],
      reverseFulfillmentOrders: [],
      staffMember: null,
    };
  });
  return { returns, returnedByFulfillmentLine };
}
