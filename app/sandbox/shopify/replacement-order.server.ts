import { isoTime, legacyIdOf } from '~/sandbox/seed/build-context.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { addAmounts, amountOf, amountOfBag, moneyBag, scaleAmount } from '~/sandbox/seed/money.server';
import type { CurrencyCode, GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { adjustStock } from './inventory.server';

/** One line of a draft as the order it becomes needs it: the variant, units, and the line it copies. */
export type DraftLine = { variant: GqlObject; quantity: number; like: GqlObject | null };

const zeroBag = (currency: CurrencyCode) => moneyBag(amountOf(0, currency));

/** A new order line for `quantity` units of a variant, free: its price stays, a discount of the whole takes it back. */
function buildLine(id: string, line: DraftLine, currency: CurrencyCode): GqlObject {
  const unit = line.like ? amountOfBag(line.like.originalUnitPriceSet as MoneyBag) : amountOf(Math.round(Number(line.variant.price ?? 0) * 100), currency);
  const full = moneyBag(scaleAmount(unit, line.quantity));
  const zero = zeroBag(currency);
  const product = line.variant.product as GqlObject | null;
  return {
    ...(line.like ?? {}),
    __typename: 'LineItem', id, legacyResourceId: legacyIdOf(id),
    name: line.like?.name ?? product?.title ?? line.variant.title, title: line.like?.title ?? product?.title ?? line.variant.title,
    variantTitle: line.variant.title ?? null, sku: line.variant.sku ?? null, variant: line.variant, product,
    quantity: line.quantity, currentQuantity: line.quantity, unfulfilledQuantity: line.quantity, fulfillableQuantity: line.quantity,
    refundableQuantity: line.quantity, nonFulfillableQuantity: 0, restockable: true, canRestock: true, fulfillmentStatus: 'unfulfilled',
    originalUnitPriceSet: moneyBag(unit), originalTotalSet: full, totalDiscountSet: full,
    discountedUnitPriceSet: zero, discountedUnitPriceAfterAllDiscountsSet: zero, discountedTotalSet: zero,
    unfulfilledOriginalTotalSet: full, unfulfilledDiscountedTotalSet: zero, priceAfterAllDiscountsBeforeTaxesSet: zero,
    discountAllocations: [], taxLines: [], duties: [],
  };
}

/**
 * The order a completed draft becomes, as Shopify makes it: the next number, the draft's lines,
 * tags, note, customer and shipping address, paid in full (a free replacement costs 0), nothing
 * shipped yet; the units leave stock. Built on the order it replaces (`like`), so it carries every
 * field the emulator's other readers expect.
 */
export function buildReplacementOrder(init: {
  seed: Seed; like: SeedOrder; draft: GqlObject; lines: DraftLine[]; now: Date; nextId: IdSequence;
}): SeedOrder {
  const { seed, like, draft, now, nextId } = init;
  const at = isoTime(now.getTime());
  const currency = like.presentmentCurrencyCode as CurrencyCode;
  const number = Math.max(...seed.orders.map((order) => order.number)) + 1;
  const id = nextId('Order');
  const lineItems = init.lines.map((line) => buildLine(nextId('LineItem'), line, currency));
  const value = moneyBag(addAmounts(currency, lineItems.map((line) => amountOfBag(line.originalTotalSet as MoneyBag))));
  const zero = zeroBag(currency);
  const order = {
    ...like,
    id, legacyResourceId: legacyIdOf(id), name: `#${number}`, number, confirmationNumber: null,
    createdAt: at, processedAt: at, updatedAt: at, cancelledAt: null, cancelReason: null, cancellation: null, closed: false, closedAt: null,
    displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', returnStatus: 'NO_RETURN', fullyPaid: true, unpaid: false,
    refundable: false, restockable: true, fulfillable: true, canMarkAsPaid: false, edited: false, sourceName: 'shopify_draft_order',
    note: draft.note2 ?? null, tags: [...(draft.tags as string[])], shippingAddress: draft.shippingAddress ?? like.shippingAddress,
    lineItems, fulfillments: [], returns: [], refunds: [], transactions: [], shippingLine: null, shippingLines: [], discountCode: null, discountCodes: [],
    subtotalLineItemsQuantity: lineItems.reduce((sum, line) => sum + Number(line.quantity), 0),
    currentSubtotalLineItemsQuantity: lineItems.reduce((sum, line) => sum + Number(line.quantity), 0),
    subtotalPriceSet: zero, currentSubtotalPriceSet: zero, totalShippingPriceSet: zero, currentShippingPriceSet: zero,
    totalPriceSet: zero, originalTotalPriceSet: zero, currentTotalPriceSet: zero, totalTaxSet: zero, currentTotalTaxSet: zero,
    totalDiscountsSet: value, currentTotalDiscountsSet: value, currentCartDiscountAmountSet: zero,
    totalRefundedSet: zero, totalRefundedShippingSet: zero, totalReceivedSet: zero, netPaymentSet: zero, totalOutstandingSet: zero,
    totalCapturableSet: zero, totalTipReceivedSet: zero, refundDiscrepancySet: zero, paymentGatewayNames: [],
  } as SeedOrder;
  for (const line of lineItems) {
    seed.nodes.set(String(line.id), line);
    adjustStock(line.variant as GqlObject, -Number(line.quantity));
  }
  seed.orders.push(order);
  seed.nodes.set(id, order);
  seed.returnableFulfillments.set(id, []);
  return order;
}
