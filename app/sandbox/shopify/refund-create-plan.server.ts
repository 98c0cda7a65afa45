import { z } from 'zod';
import { amountOfBag, type Amount } from '~/sandbox/seed/money.server';
import type { GqlObject, MoneyBag, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { requireGid } from './root-resolvers.server';

const MoneyInputSchema = z.object({ amount: z.coerce.string(), currencyCode: z.string() });

/** `RefundInput` (2026-10), the parts the emulator models; duties and discrepancy reasons fail loudly upstream of this. */
export const RefundInputSchema = z.object({
  orderId: z.string(),
  note: z.string().nullish(),
  notify: z.boolean().nullish(),
  currency: z.string().nullish(),
  allowOverRefunding: z.boolean().nullish(),
  processedAt: z.string().nullish(),
  shipping: z.object({ amount: z.coerce.string().nullish(), fullRefund: z.boolean().nullish() }).nullish(),
  refundLineItems: z.array(z.object({
    lineItemId: z.string(),
    quantity: z.number().int(),
    restockType: z.enum(['CANCEL', 'NO_RESTOCK', 'RETURN', 'LEGACY_RESTOCK']).nullish(),
    locationId: z.string().nullish(),
  })).nullish(),
  transactions: z.array(z.object({
    orderId: z.string(), parentId: z.string().nullish(), amount: z.coerce.string(), gateway: z.string(), kind: z.string(),
  })).nullish(),
  refundMethods: z.array(z.object({ storeCreditRefund: z.object({ amount: MoneyInputSchema, expiresAt: z.string().nullish() }) })).nullish(),
  refundDuties: z.array(z.unknown()).nullish(),
  discrepancyReason: z.string().nullish(),
});
export type RefundInput = z.infer<typeof RefundInputSchema>;

/** `RefundCreatePayload.userErrors` are plain `UserError`s: the 2026-10 schema gives refunds no error code. */
export type RefundUserError = { __typename: 'UserError'; field: string[] | null; message: string };

export type PlannedLine = { line: GqlObject; quantity: number; restockType: 'CANCEL' | 'NO_RESTOCK' | 'RETURN'; unfulfilled: number; unit: Amount };
export type RefundPlan = {
  order: SeedOrder;
  lines: PlannedLine[];
  /** Money back through the order's payment gateways, then to store credit; both in presentment cents. */
  transactions: { gateway: string; cents: number; parentId: string | null }[];
  storeCredit: { cents: number; expiresAt: string | null } | null;
  shippingCents: number;
  note: string | null;
  notify: boolean;
};

const list = (value: unknown) => (value ?? []) as GqlObject[];
const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const error = (field: (string | number)[] | null, message: string): RefundUserError => ({ __typename: 'UserError', field: field?.map(String) ?? null, message });
const PAYMENT_KINDS = new Set(['SALE', 'CAPTURE']);

/** What the order has been paid and not yet refunded, in presentment cents: Shopify's ceiling for a refund. */
export const refundableCents = (order: SeedOrder) => Math.max(0, amountOfBag(order.netPaymentSet as MoneyBag).presentment);

/**
 * `refundCreate`'s checks, in the order Shopify reports them (messages inferred from its admin and
 * REST answers; the schema documents none). Every unit refunded must still be refundable; CANCEL
 * only takes units not shipped yet (the way an order loses some of its items before shipping),
 * RETURN only shipped ones; the money may not exceed what the order was paid and not yet refunded;
 * store credit needs a customer to hold it.
 */
export function planRefund(input: RefundInput, seed: Seed): { plan: RefundPlan } | { errors: RefundUserError[] } {
  const found = seed.nodes.get(requireGid(input.orderId));
  if (found?.__typename !== 'Order') return { errors: [error(['orderId'], 'Order does not exist')] };
  const order = found as SeedOrder;
  const currency = String(order.presentmentCurrencyCode);
  const errors: RefundUserError[] = [];
  if (input.refundDuties?.length) errors.push(error(['refundDuties'], 'Duties are not modelled by the Comptoir sandbox Shopify emulator'));
  if (input.currency && input.currency !== currency) errors.push(error(['currency'], `Currency must match the order's presentment currency (${currency})`));

  const byId = new Map(list(order.lineItems).map((line) => [String(line.id), line]));
  const taken = new Map<string, number>();
  const lines: PlannedLine[] = [];
  (input.refundLineItems ?? []).forEach((item, index) => {
    const line = byId.get(item.lineItemId);
    if (!line) return errors.push(error(['refundLineItems', index, 'lineItemId'], 'Line item does not belong to this order'));
    if (item.quantity <= 0) return errors.push(error(['refundLineItems', index, 'quantity'], 'Quantity must be greater than 0'));
    const already = taken.get(item.lineItemId) ?? 0;
    taken.set(item.lineItemId, already + item.quantity);
    if (already + item.quantity > Number(line.refundableQuantity)) {
      return errors.push(error(['refundLineItems', index, 'quantity'], 'Quantity cannot refund more items than were purchased'));
    }
    const unfulfilled = Math.max(0, Number(line.unfulfilledQuantity) - already);
    const shipped = Math.max(0, Number(line.currentQuantity) - Number(line.unfulfilledQuantity));
    const asked = item.restockType ?? 'NO_RESTOCK';
    // LEGACY_RESTOCK is Shopify's "cancel what is unshipped, return what is shipped".
    const restockType = asked === 'LEGACY_RESTOCK' ? (item.quantity <= unfulfilled ? 'CANCEL' : 'RETURN') : asked;
    if (restockType === 'CANCEL' && (order.cancelledAt || item.quantity > unfulfilled)) {
      return errors.push(error(['refundLineItems', index, 'restockType'], 'Cannot cancel more items than are unfulfilled'));
    }
    if (restockType === 'RETURN' && item.quantity > shipped) {
      return errors.push(error(['refundLineItems', index, 'restockType'], 'Cannot return more items than were fulfilled'));
    }
    lines.push({ line, quantity: item.quantity, restockType, unfulfilled, unit: amountOfBag(line.discountedUnitPriceAfterAllDiscountsSet as MoneyBag) });
  });

  const payments = list(order.transactions).filter((tx) => PAYMENT_KINDS.has(String(tx.kind)) && tx.status === 'SUCCESS');
  const transactions: RefundPlan['transactions'] = [];
  (input.transactions ?? []).forEach((tx, index) => {
    if (tx.kind !== 'REFUND') return errors.push(error(['transactions', index, 'kind'], 'Kind must be refund'));
    if (tx.orderId !== order.id) return errors.push(error(['transactions', index, 'orderId'], 'Transaction must belong to the refunded order'));
    const parent = tx.parentId ? payments.find((payment) => payment.id === tx.parentId) : payments.find((payment) => payment.gateway === tx.gateway);
    if (!parent) return errors.push(error(['transactions', index, 'parentId'], 'Parent transaction must be a successful sale or capture of this order'));
    if (cents(tx.amount) <= 0) return errors.push(error(['transactions', index, 'amount'], 'Amount must be greater than 0'));
    transactions.push({ gateway: String(parent.gateway), cents: cents(tx.amount), parentId: String(parent.id) });
  });

  let storeCredit: RefundPlan['storeCredit'] = null;
  (input.refundMethods ?? []).forEach(({ storeCreditRefund }, index) => {
    const field = ['refundMethods', index, 'storeCreditRefund'];
    if (!order.customer) return errors.push(error(field, 'Store credit can only be issued to an order with a customer'));
    if (storeCreditRefund.amount.currencyCode !== currency) return errors.push(error([...field, 'amount', 'currencyCode'], `Store credit must be issued in ${currency}`));
    if (cents(storeCreditRefund.amount.amount) <= 0) return errors.push(error([...field, 'amount'], 'Amount must be greater than 0'));
    storeCredit = { cents: (storeCredit?.cents ?? 0) + cents(storeCreditRefund.amount.amount), expiresAt: storeCreditRefund.expiresAt ?? null };
  });

  const shippingLeft = amountOfBag(order.totalShippingPriceSet as MoneyBag).presentment - amountOfBag(order.totalRefundedShippingSet as MoneyBag).presentment;
  const shippingCents = input.shipping?.fullRefund ? shippingLeft : cents(input.shipping?.amount ?? '0');
  if (shippingCents > shippingLeft) errors.push(error(['shipping', 'amount'], 'Shipping refund amount cannot exceed the shipping left to refund'));

  const total = transactions.reduce((sum, tx) => sum + tx.cents, 0) + ((storeCredit as RefundPlan['storeCredit'])?.cents ?? 0);
  if (total > refundableCents(order) && !input.allowOverRefunding) {
    errors.push(error(['transactions'], 'Refund amount cannot exceed the refundable amount for this order'));
  }
  if (errors.length) return { errors };
  return { plan: { order, lines, transactions, storeCredit, shippingCents, note: input.note ?? null, notify: input.notify ?? false } };
}
