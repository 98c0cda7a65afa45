import { isoTime } from '~/sandbox/seed/build-context.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { amountOf, amountOfBag, moneyBag, subtractAmounts, addAmounts, type Amount } from '~/sandbox/seed/money.server';
import { buildRefundLineItem, buildRefundNode } from '~/sandbox/seed/order-refunds.server';
import type { CurrencyCode, GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { adjustStock } from './inventory.server';
import type { CancelPlan } from './order-cancel-plan.server';

const list = (value: unknown) => (value ?? []) as GqlObject[];

/** Shopify's gateway name for a refund to store credit (what the portal's refunds/create reader expects). */
export const STORE_CREDIT_GATEWAY = 'shopify_store_credit';

function refundTransaction(plan: CancelPlan, amount: Amount, at: string, nextId: IdSequence): GqlObject {
  const gateway = plan.refundTo === 'store_credit' ? STORE_CREDIT_GATEWAY : String((plan.order.paymentGatewayNames as string[] | undefined)?.[0] ?? 'manual');
  return {
    __typename: 'OrderTransaction', id: nextId('OrderTransaction'), kind: 'REFUND', status: 'SUCCESS', gateway,
    formattedGateway: gateway === STORE_CREDIT_GATEWAY ? 'Store credit' : gateway === 'shopify_payments' ? 'Shopify Payments' : gateway,
    amountSet: moneyBag(amount), amountRoundingSet: null, createdAt: at, processedAt: at, order: plan.order, parentTransaction: null,
    test: false, manualPaymentGateway: false, manuallyCapturable: false, multiCapturable: false, fees: [], errorCode: null,
    accountNumber: null, paymentId: null, receiptJson: null, settlementCurrency: null, settlementCurrencyRate: null,
    authorizationExpiresAt: null, totalUnsettledSet: null, maximumRefundableV2: null, paymentDetails: null, user: null,
  };
}

/**
 * What Shopify's cancellation job does to the order: every remaining unit leaves it (and goes back
 * to stock when `restock`), the order closes with its reason, an authorized payment is voided, and
 * a paid one is refunded in full — order lines and shipping — when a refund method was asked for.
 * Returns the refund made, if any.
 */
export function applyCancellation(plan: CancelPlan, seed: Seed, now: Date, nextId: IdSequence): GqlObject | null {
  const { order } = plan;
  const at = isoTime(now.getTime());
  const currency = order.presentmentCurrencyCode as CurrencyCode;
  const zero = moneyBag(amountOf(0, currency));
  const authorizedOnly = order.displayFinancialStatus === 'AUTHORIZED';
  const paidBack = amountOfBag(order.currentTotalPriceSet);
  const refunding = plan.refundTo !== null && !authorizedOnly && paidBack.shop > 0;

  const refundLineItems: GqlObject[] = [];
  for (const line of list(order.lineItems)) {
    const remaining = Number(line.currentQuantity);
    if (remaining <= 0) continue;
    const variant = line.variant as GqlObject | null;
    if (plan.restock && variant) adjustStock(variant, remaining);
    if (refunding) {
      const unit = amountOfBag(line.discountedUnitPriceAfterAllDiscountsSet as MoneyBag);
      refundLineItems.push(buildRefundLineItem(nextId('RefundLineItem'), line, unit, remaining, plan.restock ? 'CANCEL' : 'NO_RESTOCK'));
    }
    Object.assign(line, {
      currentQuantity: 0, unfulfilledQuantity: 0, fulfillableQuantity: 0, restockable: false, canRestock: false,
      refundableQuantity: refunding ? 0 : line.refundableQuantity,
      unfulfilledOriginalTotalSet: zero, unfulfilledDiscountedTotalSet: zero,
    });
  }

  let refund: GqlObject | null = null;
  if (refunding) {
    const transaction = refundTransaction(plan, paidBack, at, nextId);
    refund = buildRefundNode({ id: nextId('Refund'), at, note: null, order, settled: null, refundLineItems, total: paidBack, transactions: [transaction] });
    for (const node of [refund, transaction, ...refundLineItems]) seed.nodes.set(String(node.id), node);
    const shipping = amountOfBag(order.currentShippingPriceSet as MoneyBag);
    Object.assign(order, {
      refunds: [...list(order.refunds), refund],
      totalRefundedSet: moneyBag(addAmounts(currency, [amountOfBag(order.totalRefundedSet as MoneyBag), paidBack])),
      totalRefundedShippingSet: moneyBag(addAmounts(currency, [amountOfBag(order.totalRefundedShippingSet as MoneyBag), shipping])),
      netPaymentSet: moneyBag(subtractAmounts(amountOfBag(order.netPaymentSet as MoneyBag), paidBack)),
      displayFinancialStatus: 'REFUNDED',
      refundable: false,
    });
  }
  if (authorizedOnly) Object.assign(order, { displayFinancialStatus: 'VOIDED', totalCapturableSet: zero, capturable: false });

  Object.assign(order, {
    cancelledAt: at,
    cancelReason: plan.reason,
    cancellation: { __typename: 'OrderCancellation', staffNote: plan.staffNote },
    closed: true,
    closedAt: at,
    updatedAt: at,
    fulfillable: false,
    restockable: false,
    currentSubtotalLineItemsQuantity: 0,
    currentSubtotalPriceSet: zero,
    currentShippingPriceSet: zero,
    currentTotalPriceSet: zero,
    currentTotalTaxSet: zero,
  });
  return refund;
}
