import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Money } from '~/orders/types';
import { toMinorUnits, toMoney } from '~/policy/money';
import type { RefundRequest, RefundResult, Refunds } from '~/refunds/ports';
import type { AdminCall } from './admin-caller.server';
import { REFUND_CREATE_MUTATION, REFUND_ORDER_QUERY } from './refunds-queries';

export type { RefundRequest, RefundResult, Refunds } from '~/refunds/ports';

const MoneySchema = z.object({ amount: z.coerce.string(), currencyCode: z.string() });
const BagSchema = z.object({ presentmentMoney: MoneySchema });
const OrderDataSchema = z.object({
  order: z.object({
    id: z.string(),
    presentmentCurrencyCode: z.string(),
    netPaymentSet: BagSchema,
    transactions: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string(), gateway: z.string(), amountSet: BagSchema })),
    refunds: z.array(z.object({ id: z.string(), note: z.string().nullable(), totalRefundedSet: BagSchema })),
    lineItems: z.object({ nodes: z.array(z.object({ id: z.string(), discountedUnitPriceAfterAllDiscountsSet: BagSchema })) }),
  }).nullable(),
});
const CreateDataSchema = z.object({
  refundCreate: z.object({
    refund: z.object({ id: z.string(), totalRefundedSet: BagSchema }).nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
  }),
});
type ShopifyOrder = NonNullable<z.infer<typeof OrderDataSchema>['order']>;

const PAYMENT_KINDS = new Set(['SALE', 'CAPTURE']);
const CASE_ID = /\bC-[0-9A-Z]{4,}\b/;

/** What ties a refund to its request: the case id its note names, else the whole note. */
const markOf = (note: string) => CASE_ID.exec(note)?.[0] ?? note;
const refused = (code: string, message: string): RefundResult => ({ ok: false, code, message });
const minor = (money: Money) => toMinorUnits(money.amount, money.currencyCode);
/** Shopify's Decimal ("79.0") as the portal writes money ("79.00"). */
const normal = (money: Money) => toMoney(minor(money), money.currencyCode);

/** The lines' price as the shopper paid it (after discounts): what Shopify suggests for them, taxes included as the demo store's are. */
function suggestedAmount(order: ShopifyOrder, lines: RefundRequest['lines']): Money | null {
  const currency = order.presentmentCurrencyCode;
  let total = 0;
  for (const line of lines) {
    const found = order.lineItems.nodes.find((node) => node.id === line.lineItemId);
    if (!found) return null;
    total += minor(found.discountedUnitPriceAfterAllDiscountsSet.presentmentMoney) * line.quantity;
  }
  return toMoney(total, currency);
}

/** The refund's transactions: against the order's successful payments, largest first, each up to what it took. */
function allocate(order: ShopifyOrder, amount: Money) {
  const payments = order.transactions
    .filter((tx) => PAYMENT_KINDS.has(tx.kind) && tx.status === 'SUCCESS')
    .sort((a, b) => minor(b.amountSet.presentmentMoney) - minor(a.amountSet.presentmentMoney));
  let left = minor(amount);
  const transactions = [];
  for (const payment of payments) {
    if (left <= 0) break;
    const part = Math.min(left, minor(payment.amountSet.presentmentMoney));
    transactions.push({ orderId: order.id, parentId: payment.id, gateway: payment.gateway, kind: 'REFUND', amount: toMoney(part, amount.currencyCode).amount });
    left -= part;
  }
  return left > 0 ? null : transactions;
}

/**
 * Refunds through the Admin API's `refundCreate`. Never twice for one case: the order's refunds
 * are read first and one whose note names the same case id is answered as `already`; and the
 * mutation's `@idempotent` key is derived from the order and that case id, so a call whose
 * answer was lost and is sent again is answered by Shopify with the first refund.
 */
export function createRefunds(call: AdminCall): Refunds {
  return {
    /** ComptoirRefundOrder, then ComptoirRefundCreate unless the case's refund is there. @throws UpstreamError */
    async refund(request: RefundRequest): Promise<RefundResult> {
      const { order } = await call(REFUND_ORDER_QUERY, { orderId: request.orderId }, OrderDataSchema);
      if (!order) return refused('ORDER_NOT_FOUND', `Order ${request.orderId} does not exist`);
      const mark = markOf(request.note);
      const done = order.refunds.find((refund) => refund.note?.includes(mark));
      if (done) return { ok: true, refundId: done.id, amount: normal(done.totalRefundedSet.presentmentMoney), already: true };

      const amount = request.amount ?? suggestedAmount(order, request.lines);
      if (!amount) return refused('REFUSED', 'A line to refund is not on the order');
      if (amount.currencyCode !== order.presentmentCurrencyCode) {
        return refused('CURRENCY_MISMATCH', `The order was paid in ${order.presentmentCurrencyCode}, not ${amount.currencyCode}`);
      }
      if (minor(amount) > minor(order.netPaymentSet.presentmentMoney)) {
        return refused('ABOVE_REFUNDABLE', `${amount.amount} ${amount.currencyCode} is more than the ${order.netPaymentSet.presentmentMoney.amount} left to refund`);
      }
      const money = minor(amount) === 0 ? {}
        : request.method === 'store_credit'
          ? { refundMethods: [{ storeCreditRefund: { amount: { amount: amount.amount, currencyCode: amount.currencyCode } } }] }
          : { transactions: allocate(order, amount) };
      if ('transactions' in money && !money.transactions) return refused('NO_PAYMENT', 'The order has no payment to refund to');
      const input = {
        orderId: order.id, note: request.note, notify: request.notify, currency: order.presentmentCurrencyCode,
        refundLineItems: request.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, restockType: line.restockType })),
        ...money,
      };
      const idempotencyKey = `comptoir-refund-${createHash('sha256').update(`${order.id}\n${mark}`).digest('hex').slice(0, 32)}`;
      const { refundCreate } = await call(REFUND_CREATE_MUTATION, { input, idempotencyKey }, CreateDataSchema);
      if (refundCreate.userErrors.length || !refundCreate.refund) {
        return refused('REFUSED', refundCreate.userErrors.map((error) => error.message).join(' ') || 'Shopify made no refund');
      }
      return { ok: true, refundId: refundCreate.refund.id, amount: normal(refundCreate.refund.totalRefundedSet.presentmentMoney), already: false };
    },
  };
}
