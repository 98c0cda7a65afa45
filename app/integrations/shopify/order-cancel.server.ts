import { z } from 'zod';
import type { CancelOrderInput, ShopifyOrderCancel } from '~/cancellations/ports';
import { UpstreamError } from '~/utils/upstream-error';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import { ORDER_CANCEL_JOB_QUERY, ORDER_CANCEL_MUTATION, ORDER_CANCELLED_AT_QUERY } from './order-cancel-queries';
import type { ThrottleGate } from './throttle.server';
import { CodedUserErrorsSchema } from './user-errors';

const JobSchema = z.object({ id: z.string(), done: z.boolean() });
const CancelDataSchema = z.object({
  orderCancel: z.object({
    job: JobSchema.nullable(),
    orderCancelUserErrors: CodedUserErrorsSchema,
  }),
});
const JobDataSchema = z.object({ job: JobSchema.nullable() });
const CancelledAtDataSchema = z.object({ order: z.object({ id: z.string(), cancelledAt: z.string().nullable() }).nullable() });

/**
 * Waits before each poll of the job: the first at once (Shopify often finishes within the call's
 * round trip), then growing; 10 polls span about 6.5 s.
 */
export const DEFAULT_POLL_DELAYS_MS = [0, 100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const REFUND_METHOD = {
  original_payment: { originalPaymentMethodsRefund: true },
  store_credit: { storeCreditRefund: {} },
} as const;

const upstream = (code: string, retryable: boolean, cause?: unknown) => new UpstreamError({ service: 'shopify', status: 200, code, retryable, cause });

/**
 * Order cancellation through the Admin API: `orderCancel`, its job polled to completion, then the
 * order's `cancelledAt` read back. Refusals are values; outages, and a job still running after
 * the last poll (JOB_PENDING, retryable), are UpstreamErrors.
 */
export function createShopifyOrderCancel(deps: {
  client: ShopifyGraphqlClient;
  gate?: ThrottleGate;
  pollDelaysMs?: number[];
  /** Tests pass one that does not wait. */
  wait?: (ms: number) => Promise<void>;
}): ShopifyOrderCancel {
  const call = createAdminCaller(deps);
  const pollDelays = deps.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS;
  const wait = deps.wait ?? sleep;

  async function waitForJob(jobId: string): Promise<void> {
    for (const delay of pollDelays) {
      if (delay > 0) await wait(delay);
      const { job } = await call(ORDER_CANCEL_JOB_QUERY, { id: jobId }, JobDataSchema);
      if (!job) throw upstream('UNEXPECTED_SHAPE', false, new Error('Shopify does not know the cancellation job it answered with'));
      if (job.done) return;
    }
    throw upstream('JOB_PENDING', true);
  }

  return {
    /** ComptoirOrderCancel, ComptoirOrderCancelJob × up to 10, ComptoirOrderCancelledAt. @throws UpstreamError */
    async cancelOrder(input: CancelOrderInput) {
      const variables = {
        orderId: input.orderId,
        reason: input.reason,
        restock: input.restock,
        notifyCustomer: input.notifyCustomer,
        refundMethod: REFUND_METHOD[input.refundMethod],
        staffNote: input.staffNote,
      };
      const readCancelledAt = async () => (await call(ORDER_CANCELLED_AT_QUERY, { orderId: input.orderId }, CancelledAtDataSchema)).order?.cancelledAt ?? null;
      const { orderCancel } = await call(ORDER_CANCEL_MUTATION, variables, CancelDataSchema);
      if (orderCancel.orderCancelUserErrors.length) {
        // Refused because it is cancelled already: by an earlier attempt whose answer was lost, or by the store.
        const cancelledAt = orderCancel.orderCancelUserErrors.some((error) => error.code === 'INVALID') ? await readCancelledAt() : null;
        if (cancelledAt) return { ok: true as const, cancelledAt, already: true };
        return { ok: false as const, errors: orderCancel.orderCancelUserErrors };
      }
      if (!orderCancel.job) throw upstream('UNEXPECTED_SHAPE', false, new Error('orderCancel answered neither a job nor userErrors'));
      if (!orderCancel.job.done) await waitForJob(orderCancel.job.id);
      const cancelledAt = await readCancelledAt();
      if (!cancelledAt) {
        return { ok: false as const, errors: [{ code: 'JOB_FAILED', field: null, message: 'Shopify finished the cancellation job but the order is not cancelled.' }] };
      }
      return { ok: true as const, cancelledAt, already: false };
    },
  };
}
