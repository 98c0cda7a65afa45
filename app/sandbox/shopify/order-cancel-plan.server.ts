import { z } from 'zod';
import type { GqlObject, Seed, SeedOrder } from '~/sandbox/seed/types.server';
import { requireGid } from './root-resolvers.server';

/** `orderCancel`'s arguments as the 2026-10 schema has them (`refund` is deprecated for `refundMethod`). */
export const OrderCancelArgsSchema = z.object({
  orderId: z.string(),
  reason: z.enum(['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF']),
  restock: z.boolean(),
  notifyCustomer: z.boolean().nullish(),
  refundMethod: z.object({
    originalPaymentMethodsRefund: z.boolean().nullish(),
    storeCreditRefund: z.object({ expiresAt: z.string().nullish() }).nullish(),
  }).nullish(),
  staffNote: z.string().nullish(),
  refund: z.boolean().nullish(),
});
export type OrderCancelArgs = z.infer<typeof OrderCancelArgsSchema>;

export type OrderCancelUserError = { __typename: 'OrderCancelUserError'; field: string[] | null; code: string; message: string };

/** What the shop's staff (the app's token) may do; a control takes them away for tests. */
export type ShopPermissions = { refundOrders: boolean; refundToStoreCredit: boolean };

export type CancelPlan = {
  order: SeedOrder;
  reason: OrderCancelArgs['reason'];
  restock: boolean;
  notifyCustomer: boolean;
  /** Where the money goes back; null keeps it (an authorized payment is voided all the same). */
  refundTo: 'original_payment' | 'store_credit' | null;
  storeCreditExpiresAt: string | null;
  staffNote: string | null;
};

/** Shopify's documented maximum for `staffNote`. */
export const MAX_STAFF_NOTE = 255;

const ACTIVE_RETURN = new Set(['REQUESTED', 'OPEN']);
const list = (value: unknown) => (value ?? []) as GqlObject[];

export const cancelError = (field: string[] | null, code: string, message: string): OrderCancelUserError => ({ __typename: 'OrderCancelUserError', field, code, message });

/**
 * Why the order, as it stands, cannot be cancelled — the schema's four conditions — or null.
 * Checked when the mutation is called and again when its job runs.
 */
export function orderStateRefusal(order: SeedOrder): OrderCancelUserError | null {
  const invalid = (message: string) => cancelError(['orderId'], 'INVALID', message);
  if (order.cancelledAt) return invalid('Order has already been cancelled.');
  if (list(order.returns).some((r) => ACTIVE_RETURN.has(String(r.status)))) return invalid('Cannot cancel an order with an active return.');
  if (list(order.fulfillments).some((f) => f.status !== 'CANCELLED')) return invalid('Cannot cancel an order with fulfilled line items.');
  if (order.displayFinancialStatus === 'PENDING') return invalid('Cannot cancel an order with a pending payment.');
  return null;
}

function refundErrors(args: OrderCancelArgs, order: SeedOrder, permissions: ShopPermissions, now: Date): OrderCancelUserError[] {
  const method = args.refundMethod;
  const storeCredit = method?.storeCreditRefund ?? null;
  // Both refund switches at once, or the deprecated one beside its successor: Shopify's wording is not documented.
  if (method?.originalPaymentMethodsRefund && storeCredit) {
    return [cancelError(['refundMethod'], 'INVALID', 'Only one refund method can be specified.')];
  }
  if (method && args.refund != null) return [cancelError(['refund'], 'INVALID', 'Cannot specify both refund and refundMethod.')];
  const wantsRefund = Boolean(method?.originalPaymentMethodsRefund || storeCredit || args.refund);
  if (!wantsRefund) return [];
  const field = method ? ['refundMethod'] : ['refund'];
  if (!permissions.refundOrders) return [cancelError(field, 'NO_REFUND_PERMISSION', 'You do not have permission to refund orders.')];
  if (!storeCredit) return [];
  const creditField = ['refundMethod', 'storeCreditRefund'];
  if (!permissions.refundToStoreCredit) return [cancelError(creditField, 'NO_REFUND_TO_STORE_CREDIT_PERMISSION', 'You do not have permission to refund to store credit.')];
  if (!order.customer) return [cancelError(creditField, 'STORE_CREDIT_REFUND_MISSING_CUSTOMER', 'A store credit refund requires the order to have a customer.')];
  if (storeCredit.expiresAt != null) {
    const expires = Date.parse(storeCredit.expiresAt);
    if (Number.isNaN(expires)) return [cancelError([...creditField, 'expiresAt'], 'INVALID', 'Expiration date is not a valid date.')];
    if (expires <= now.getTime()) return [cancelError([...creditField, 'expiresAt'], 'STORE_CREDIT_REFUND_EXPIRATION_IN_PAST', 'The store credit expiration date must be in the future.')];
  }
  return [];
}

/**
 * Validates an `orderCancel` call as Shopify does, into a plan for its job or the
 * `orderCancelUserErrors` to answer with. `pendingOrderIds` are orders whose cancellation job has
 * not run yet: a second call meanwhile is refused, so a retry never cancels (or refunds) twice.
 */
export function planOrderCancel(
  args: OrderCancelArgs,
  ctx: { seed: Seed; permissions: ShopPermissions; now: Date; pendingOrderIds: ReadonlySet<string> },
): { plan: CancelPlan } | { errors: OrderCancelUserError[] } {
  const order = ctx.seed.nodes.get(requireGid(args.orderId));
  if (order?.__typename !== 'Order') return { errors: [cancelError(['orderId'], 'NOT_FOUND', 'Order does not exist.')] };
  const seedOrder = order as SeedOrder;
  const errors: OrderCancelUserError[] = [];
  if ((args.staffNote?.length ?? 0) > MAX_STAFF_NOTE) {
    errors.push(cancelError(['staffNote'], 'INVALID', `Staff note is too long (maximum is ${MAX_STAFF_NOTE} characters).`));
  }
  const state = ctx.pendingOrderIds.has(seedOrder.id)
    ? cancelError(['orderId'], 'INVALID', 'Order is already being cancelled.')
    : orderStateRefusal(seedOrder);
  if (state) errors.push(state);
  errors.push(...refundErrors(args, seedOrder, ctx.permissions, ctx.now));
  if (errors.length) return { errors };
  const storeCredit = args.refundMethod?.storeCreditRefund ?? null;
  const original = Boolean(args.refundMethod?.originalPaymentMethodsRefund || args.refund);
  return {
    plan: {
      order: seedOrder,
      reason: args.reason,
      restock: args.restock,
      notifyCustomer: args.notifyCustomer ?? false,
      refundTo: storeCredit ? 'store_credit' : original ? 'original_payment' : null,
      storeCreditExpiresAt: storeCredit?.expiresAt ?? null,
      staffNote: args.staffNote ?? null,
    },
  };
}
