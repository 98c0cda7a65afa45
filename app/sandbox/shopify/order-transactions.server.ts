import { isoTime } from '~/sandbox/seed/build-context.server';
import type { IdSequence } from '~/sandbox/seed/ids.server';
import { amountOfBag, moneyBag, type Amount } from '~/sandbox/seed/money.server';
import type { GqlObject, MoneyBag, Seed } from '~/sandbox/seed/types.server';

/** Shopify's gateway for money refunded to store credit (the same name orderCancel's refunds use). */
export const STORE_CREDIT_GATEWAY = 'shopify_store_credit';

const FORMATTED: Record<string, string> = { shopify_payments: 'Shopify Payments', [STORE_CREDIT_GATEWAY]: 'Store credit' };

/** An `OrderTransaction` as the Admin API serves it. */
export function buildTransaction(init: {
  id: string; kind: 'SALE' | 'REFUND'; gateway: string; amount: Amount; at: string; order: GqlObject; parent: GqlObject | null;
}): GqlObject {
  const amountSet = moneyBag(init.amount);
  return {
    __typename: 'OrderTransaction', id: init.id, kind: init.kind, status: 'SUCCESS', gateway: init.gateway,
    formattedGateway: FORMATTED[init.gateway] ?? init.gateway,
    amountSet, amount: amountSet.shopMoney.amount, amountV2: amountSet.shopMoney, amountRoundingSet: null,
    createdAt: init.at, processedAt: init.at, order: init.order, parentTransaction: init.parent,
    test: false, manualPaymentGateway: false, manuallyCapturable: false, multiCapturable: false, fees: [], errorCode: null,
    accountNumber: null, paymentId: null, receiptJson: null, settlementCurrency: null, settlementCurrencyRate: null,
    authorizationExpiresAt: null, totalUnsettledSet: null, maximumRefundableV2: null, paymentDetails: null, user: null,
  };
}

// Above the seed's ranges, so payments written here never collide with seeded ids.
const SALE_ID_BASE = 7_050_100_000;

/**
 * Gives every seeded order the payment behind it, as `Order.transactions` lists it: one successful
 * SALE through its gateway for what it received, at the time it was placed. The seed models
 * totals, not payments; a refund's transactions need a parent to point at.
 */
export function addSaleTransactions(seed: Seed): void {
  let next = SALE_ID_BASE;
  for (const node of seed.nodes.values()) {
    if (node.__typename !== 'Order' || node.transactions !== undefined) continue;
    const received = amountOfBag(node.totalReceivedSet as MoneyBag);
    if (received.shop <= 0) {
      node.transactions = [];
      continue;
    }
    const gateway = String((node.paymentGatewayNames as string[] | undefined)?.[0] ?? 'manual');
    const sale = buildTransaction({ id: `gid://shopify/OrderTransaction/${next++}`, kind: 'SALE', gateway, amount: received, at: String(node.processedAt ?? node.createdAt), order: node, parent: null });
    node.transactions = [sale];
    seed.nodes.set(String(sale.id), sale);
  }
}

/** A refund's money movement, child of the payment it gives back (or none, for store credit). */
export const buildRefundTransaction = (nextId: IdSequence, gateway: string, amount: Amount, now: Date, order: GqlObject, parent: GqlObject | null) =>
  buildTransaction({ id: nextId('OrderTransaction'), kind: 'REFUND', gateway, amount, at: isoTime(now.getTime()), order, parent });
