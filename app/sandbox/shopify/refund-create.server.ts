import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import type { GqlObject, Seed } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { addSaleTransactions } from './order-transactions.server';
import { applyRefund } from './refund-create-effects.server';
import { planRefund, RefundInputSchema, type RefundUserError } from './refund-create-plan.server';
import { toOrderPayload, toRefundPayload } from './webhook-payloads.server';

// Above the seed's and orderCancel's ranges, so refunds made here never collide with theirs.
const MINTED_ID_BASES = { Refund: 9_120_950_000, RefundLineItem: 6_780_950_000, OrderTransaction: 7_050_950_000 };

const ArgsSchema = z.object({ input: RefundInputSchema });

/** The `@idempotent(key:)` on the mutation field, or null. */
function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return null;
  const values = getDirectiveValues(directive, node, info.variableValues);
  return typeof values?.key === 'string' ? values.key : null;
}

export type RefundCreationsOptions = {
  seed: Seed;
  clock: () => Date;
  emit: (topic: string, payload: unknown) => void;
  /** Store credit a refund issued to the order's customer (the store-credit accounts, when modelled). */
  onStoreCredit?: (customer: GqlObject, cents: number, currency: string, expiresAt: string | null) => void;
};

/**
 * `refundCreate`, for one seed (made again on reset). Since 2026-04 Shopify requires the
 * `@idempotent(key:)` directive on it, and answers a key it has seen with the original result
 * instead of refunding again: so does the emulator, which makes a retried call harmless. Effects
 * are in refund-create-effects.server.ts; refunds/create and orders/updated follow each refund.
 */
export function createRefundCreations(options: RefundCreationsOptions) {
  const { seed, clock } = options;
  addSaleTransactions(seed);
  const nextId = createIdSequence(MINTED_ID_BASES);
  const byKey = new Map<string, { refund: GqlObject; order: GqlObject }>();
  const made: GqlObject[] = [];

  const payload = (refund: GqlObject | null, order: GqlObject | null, userErrors: RefundUserError[]) => ({ __typename: 'RefundCreatePayload', refund, order, userErrors });

  const refundCreate: RootResolver = (args, _context, info) => {
    const key = idempotencyKey(info);
    if (!key) {
      // Wording inferred: Shopify documents the requirement (2026-04 changelog), not its error text.
      throw new GraphQLError('The @idempotent directive is required for this mutation.', { extensions: { code: 'BAD_REQUEST' } });
    }
    const seen = byKey.get(key);
    if (seen) return payload(seen.refund, seen.order, []);
    const planned = planRefund(ArgsSchema.parse(args).input, seed);
    if ('errors' in planned) return payload(null, null, planned.errors);
    const { plan } = planned;
    const refund = applyRefund(plan, seed, clock(), nextId);
    if (plan.storeCredit && plan.order.customer) {
      options.onStoreCredit?.(plan.order.customer as GqlObject, plan.storeCredit.cents, String(plan.order.presentmentCurrencyCode), plan.storeCredit.expiresAt);
    }
    byKey.set(key, { refund, order: plan.order });
    made.push(refund);
    options.emit('refunds/create', toRefundPayload(refund, plan.order));
    options.emit('orders/updated', toOrderPayload(plan.order));
    return payload(refund, plan.order, []);
  };

  return {
    refundCreate,
    /** What `GET /__sandbox/shopify/refunds` shows: every refund made through `refundCreate`, oldest first. */
    list: () => made.map((refund) => ({
      id: refund.id, orderId: (refund.order as GqlObject).id, orderName: (refund.order as GqlObject).name, note: refund.note,
      amount: ((refund.totalRefundedSet as GqlObject).presentmentMoney as GqlObject).amount,
      gateways: (refund.transactions as GqlObject[]).map((tx) => tx.gateway),
      lines: (refund.refundLineItems as GqlObject[]).map((rli) => ({ lineItemId: (rli.lineItem as GqlObject).id, quantity: rli.quantity, restockType: rli.restockType })),
    })),
  };
}

export type RefundCreations = ReturnType<typeof createRefundCreations>;
