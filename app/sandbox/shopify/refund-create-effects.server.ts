import { isoTime } from '~/sandbox/seed/build-context.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { addAmounts, amountOf, amountOfBag, moneyBag, scaleAmount, subtractAmounts, type Amount } from '~/sandbox/seed/money.server';
import { buildRefundLineItem, buildRefundNode } from '~/sandbox/seed/order-refunds.server';
import type { CurrencyCode, GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { adjustStock } from './inventory.server';
import { buildRefundTransaction, STORE_CREDIT_GATEWAY } from './order-transactions.server';
import type { RefundPlan } from './refund-create-plan.server';

const list = (value: unknown) => (value ?? []) as GqlObject[];
const bag = (value: unknown) => amountOfBag(value as MoneyBag);

/** Presentment cents as an Amount, its shop side at the order's own rate (the demo rates are fixed). */
function inPresentment(order: SeedOrder, cents: number): Amount {
  const total = bag(order.totalPriceSet);
  const currency = order.presentmentCurrencyCode as CurrencyCode;
  return { shop: total.presentment > 0 ? Math.round((cents * total.shop) / total.presentment) : cents, presentment: cents, currency };
}

/** Units leave the order's line: refunded, no longer current, and those not shipped no longer to ship. */
function removeUnits(planned: RefundPlan['lines'][number]): void {
  const { line, quantity, restockType } = planned;
  // Refunded units not shipped yet leave what the warehouse has to send, whatever the restock.
  const fromUnfulfilled = restockType === 'RETURN' ? 0 : Math.min(quantity, Number(line.unfulfilledQuantity));
  const unfulfilled = Number(line.unfulfilledQuantity) - fromUnfulfilled;
  const unit = planned.unit;
  Object.assign(line, {
    currentQuantity: Number(line.currentQuantity) - quantity,
    refundableQuantity: Number(line.refundableQuantity) - quantity,
    unfulfilledQuantity: unfulfilled,
    fulfillableQuantity: Math.min(Number(line.fulfillableQuantity ?? unfulfilled), unfulfilled),
    unfulfilledDiscountedTotalSet: moneyBag(scaleAmount(unit, unfulfilled)),
    unfulfilledOriginalTotalSet: moneyBag(scaleAmount(bag(line.originalUnitPriceSet), unfulfilled)),
    restockable: Number(line.currentQuantity) - quantity > 0 && line.restockable === true,
  });
  const variant = line.variant as GqlObject | null;
  if (restockType !== 'NO_RESTOCK' && variant) adjustStock(variant, quantity);
}

/**
 * What Shopify's `refundCreate` does to the order: the refund with its lines and transactions is
 * added to `refunds`, the refunded units leave the line (and come back to stock for CANCEL and
 * RETURN), and the money totals and financial status follow. Returns the refund.
 */
export function applyRefund(plan: RefundPlan, seed: Seed, now: Date, nextId: IdSequence): GqlObject {
  const { order } = plan;
  const at = isoTime(now.getTime());
  const currency = order.presentmentCurrencyCode as CurrencyCode;
  const payments = list(order.transactions);

  const refundLineItems = plan.lines.map((planned) => {
    removeUnits(planned);
    return buildRefundLineItem(nextId('RefundLineItem'), planned.line, planned.unit, planned.quantity, planned.restockType);
  });
  const transactions = plan.transactions.map((tx) =>
    buildRefundTransaction(nextId, tx.gateway, inPresentment(order, tx.cents), now, order, payments.find((p) => p.id === tx.parentId) ?? null));
  if (plan.storeCredit) transactions.push(buildRefundTransaction(nextId, STORE_CREDIT_GATEWAY, inPresentment(order, plan.storeCredit.cents), now, order, null));
  const total = addAmounts(currency, transactions.map((tx) => bag(tx.amountSet)));

  const refund = buildRefundNode({ id: nextId('Refund'), at, note: plan.note, order, settled: null, refundLineItems, total, transactions });
  for (const node of [refund, ...transactions, ...refundLineItems]) seed.nodes.set(String(node.id), node);

  const removed = addAmounts(currency, plan.lines.map((planned) => scaleAmount(planned.unit, planned.quantity)));
  const net = subtractAmounts(bag(order.netPaymentSet), total);
  const shipping = inPresentment(order, plan.shippingCents);
  const floor = (amount: Amount) => (amount.presentment < 0 ? amountOf(0, currency) : amount);
  Object.assign(order, {
    refunds: [...list(order.refunds), refund],
    transactions: [...payments, ...transactions],
    totalRefundedSet: moneyBag(addAmounts(currency, [bag(order.totalRefundedSet), total])),
    totalRefundedShippingSet: moneyBag(addAmounts(currency, [bag(order.totalRefundedShippingSet), shipping])),
    netPaymentSet: moneyBag(net),
    currentSubtotalPriceSet: moneyBag(floor(subtractAmounts(bag(order.currentSubtotalPriceSet), removed))),
    currentTotalPriceSet: moneyBag(floor(subtractAmounts(bag(order.currentTotalPriceSet), addAmounts(currency, [removed, shipping])))),
    currentShippingPriceSet: moneyBag(floor(subtractAmounts(bag(order.currentShippingPriceSet), shipping))),
    currentSubtotalLineItemsQuantity: list(order.lineItems).reduce((sum, line) => sum + Number(line.currentQuantity), 0),
    fulfillable: list(order.lineItems).some((line) => Number(line.unfulfilledQuantity) > 0) && !order.cancelledAt,
    updatedAt: at,
  });
  if (total.presentment > 0) {
    Object.assign(order, { displayFinancialStatus: net.presentment <= 0 ? 'REFUNDED' : 'PARTIALLY_REFUNDED', refundable: net.presentment > 0 });
  }
  return refund;
}
