import type { DraftLine } from './build-context.server';
import type { Customer } from './customers.server';
import { addAmounts, amountOf, moneyBag, scaleAmount, subtractAmounts, type Amount } from './money.server';
import type { BuiltRefunds } from './order-refunds.server';
import type { OrderSpec } from './order-spec.server';
import type { GqlObject } from './types.server';

/** VAT included in prices, by destination (EU one-stop-shop rates); none for North America. */
const VAT_PERCENT: Record<Customer['countryCodeV2'], number> = { FR: 20, BE: 21, DE: 19, CA: 0, US: 0 };

/** Shipping charged when the spec does not say: free in France from €100, flat rate elsewhere. */
export function shippingOf(spec: OrderSpec, lines: DraftLine[], customer: Customer): Amount {
  if (lines.every((line) => line.giftCard)) return amountOf(0, spec.currency);
  if (spec.shipping !== undefined) return amountOf(spec.shipping, spec.currency);
  const subtotal = lines.reduce((sum, line) => sum + line.unit.shop * line.quantity, 0);
  if (customer.countryCodeV2 === 'FR') return amountOf(subtotal >= 10_000 ? 0 : 490, spec.currency);
  return amountOf(990, spec.currency);
}

function includedTax(amount: Amount, percent: number): Amount {
  const part = (cents: number) => Math.round((cents * percent) / (100 + percent));
  return { ...amount, shop: part(amount.shop), presentment: part(amount.presentment) };
}

/** The order's `*Set` money fields, before and after refunds. */
export function orderMoney(spec: OrderSpec, lines: DraftLine[], shipping: Amount, refunded: BuiltRefunds, customer: Customer) {
  const zero = amountOf(0, spec.currency);
  const subtotal = addAmounts(spec.currency, lines.map((line) => scaleAmount(line.unit, line.quantity)));
  const total = addAmounts(spec.currency, [subtotal, shipping]);
  const current = subtractAmounts(total, refunded.total);
  const vat = VAT_PERCENT[customer.countryCodeV2];
  return {
    total,
    refunded: refunded.total,
    fields: {
      taxesIncluded: vat > 0,
      subtotalPriceSet: moneyBag(subtotal),
      currentSubtotalPriceSet: moneyBag(subtractAmounts(subtotal, refunded.lines)),
      totalShippingPriceSet: moneyBag(shipping),
      currentShippingPriceSet: moneyBag(subtractAmounts(shipping, refunded.shipping)),
      totalPriceSet: moneyBag(total),
      originalTotalPriceSet: moneyBag(total),
      currentTotalPriceSet: moneyBag(current),
      totalTaxSet: moneyBag(includedTax(total, vat)),
      currentTotalTaxSet: moneyBag(includedTax(current, vat)),
      totalDiscountsSet: moneyBag(zero),
      currentTotalDiscountsSet: moneyBag(zero),
      currentCartDiscountAmountSet: moneyBag(zero),
      totalRefundedSet: moneyBag(refunded.total),
      totalRefundedShippingSet: moneyBag(refunded.shipping),
      totalReceivedSet: moneyBag(total),
      netPaymentSet: moneyBag(current),
      totalOutstandingSet: moneyBag(zero),
      totalCapturableSet: moneyBag(zero),
      totalTipReceivedSet: moneyBag(zero),
      refundDiscrepancySet: moneyBag(zero),
    },
  };
}

/** `Order.returnStatus` from its returns' statuses: a request awaiting the shop outranks the rest. */
export function orderReturnStatus(statuses: unknown[]): string {
  if (statuses.includes('REQUESTED')) return 'RETURN_REQUESTED';
  if (statuses.includes('OPEN')) return 'IN_PROGRESS';
  if (statuses.includes('CLOSED')) return 'RETURNED';
  return 'NO_RETURN';
}

/** `Order.displayFulfillmentStatus` from the units still to ship and those shipped. */
export function fulfillmentStatusOf(unfulfilled: number, fulfilled: number): string {
  if (fulfilled === 0) return 'UNFULFILLED';
  return unfulfilled === 0 ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
}

/** Display statuses derived from the order's content, as Shopify derives them. */
export function orderStatuses(spec: OrderSpec, lines: DraftLine[], returns: GqlObject[], total: Amount, refunded: Amount) {
  const open = lines.reduce((sum, line) => sum + Math.max(0, line.quantity - line.fulfilled - line.refunded), 0);
  const fulfilled = lines.reduce((sum, line) => sum + line.fulfilled, 0);
  const statuses = returns.map((r) => r.status);
  const displayFulfillmentStatus = fulfillmentStatusOf(open, fulfilled);
  let displayFinancialStatus = 'PAID';
  if (refunded.shop > 0) displayFinancialStatus = refunded.shop >= total.shop ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  const returnStatus = orderReturnStatus(statuses);
  const activeReturn = statuses.includes('REQUESTED') || statuses.includes('OPEN');
  return {
    displayFulfillmentStatus,
    displayFinancialStatus,
    returnStatus,
    closed: Boolean(spec.cancellation) || (open === 0 && !activeReturn),
  };
}
