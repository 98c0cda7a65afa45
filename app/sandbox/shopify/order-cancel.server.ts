import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import type { GqlObject, Seed } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { applyCancellation } from './order-cancel-effects.server';
import {
  OrderCancelArgsSchema, orderStateRefusal, planOrderCancel, type CancelPlan, type OrderCancelArgs, type OrderCancelUserError, type ShopPermissions,
} from './order-cancel-plan.server';
import { json, readControlBody } from './responses.server';
import { toOrderPayload, toRefundPayload } from './webhook-payloads.server';

// Above the seed's ranges, so refunds made during a run never collide with seeded ones.
const MINTED_ID_BASES = { Refund: 9_120_900_000, RefundLineItem: 6_780_900_000, OrderTransaction: 7_050_900_000 };

const PermissionsSchema = z.strictObject({ refundOrders: z.boolean().optional(), refundToStoreCredit: z.boolean().optional() });
const JobsSchema = z.strictObject({ orderCancelDelayMs: z.number().int().min(0).max(600_000) });

type CancelJob = { job: GqlObject; result: GqlObject; plan: CancelPlan; dueAt: number; refundId: string | null };

export type OrderCancellationsOptions = {
  seed: Seed;
  clock: () => Date;
  emit: (topic: string, payload: unknown) => void;
  /** Emulator-clock time from `orderCancel` until its job may run; 0 runs it on the next request. */
  jobDelayMs: number;
};

/**
 * `orderCancel` and the `Job` it answers with, for one seed. Shopify cancels asynchronously: the
 * mutation validates and answers `job { done: false }`; the job runs on the first emulator request
 * (any path) once `jobDelayMs` of the emulator clock has passed — so a test with a settable clock
 * decides exactly when, and `job(id:)` polled after the delay reads `done: true`. The job then
 * re-checks the order, cancels, restocks, refunds, and sends orders/cancelled, orders/updated and
 * refunds/create.
 */
export function createOrderCancellations(options: OrderCancellationsOptions) {
  const { seed, clock } = options;
  const nextId = createIdSequence(MINTED_ID_BASES);
  const jobs = new Map<string, CancelJob>();
  let permissions: ShopPermissions = { refundOrders: true, refundToStoreCredit: true };
  let delayMs = options.jobDelayMs;

  const pendingOrderIds = () => new Set([...jobs.values()].filter((entry) => entry.job.done !== true).map((entry) => entry.plan.order.id));

  function start(args: OrderCancelArgs): { entry: CancelJob } | { errors: OrderCancelUserError[] } {
    const planned = planOrderCancel(args, { seed, permissions, now: clock(), pendingOrderIds: pendingOrderIds() });
    if ('errors' in planned) return planned;
    // Inferred: Shopify's job ids are UUIDs; the job result shares its job's id.
    const id = `gid://shopify/Job/${randomUUID()}`;
    const job: GqlObject = { __typename: 'Job', id, done: false, query: null };
    const result: GqlObject = { __typename: 'OrderCancelJobResult', id, done: false, status: 'STARTED', errors: [], order: planned.plan.order };
    const entry = { job, result, plan: planned.plan, dueAt: clock().getTime() + delayMs, refundId: null };
    jobs.set(id, entry);
    seed.nodes.set(id, result);
    return { entry };
  }

  /** Runs a job: the order may have changed since the call (shipped meanwhile), so it is checked again. */
  function run(entry: CancelJob): void {
    const { order } = entry.plan;
    const refusal = orderStateRefusal(order);
    if (refusal) {
      Object.assign(entry.result, { done: true, status: 'FAILED', errors: [refusal] });
    } else {
      const refund = applyCancellation(entry.plan, seed, clock(), nextId);
      entry.refundId = refund ? String(refund.id) : null;
      Object.assign(entry.result, { done: true, status: 'SUCCEEDED' });
      options.emit('orders/cancelled', toOrderPayload(order));
      options.emit('orders/updated', toOrderPayload(order));
      if (refund) options.emit('refunds/create', toRefundPayload(refund, order));
    }
    // `Job.query` resolves once the job is done: any value makes the field resolver read the query root.
    Object.assign(entry.job, { done: true, query: {} });
  }

  const list = () => [...jobs.values()].map(({ job, result, plan, refundId }) => ({
    jobId: job.id, done: job.done, status: result.status, orderId: plan.order.id, orderName: plan.order.name,
    reason: plan.reason, restock: plan.restock, notifyCustomer: plan.notifyCustomer, refundTo: plan.refundTo,
    staffNote: plan.staffNote, refundId,
  }));

  const payload = (entry: CancelJob | null, errors: OrderCancelUserError[]) => ({
    __typename: 'OrderCancelPayload',
    job: entry?.job ?? null,
    jobResult: entry?.result ?? null,
    orderCancelUserErrors: errors,
    userErrors: errors.map(({ field, message }) => ({ __typename: 'UserError', field, message })),
  });

  return {
    /** Runs every job whose delay has passed on the emulator clock; the emulator calls it before each request. */
    settle(): void {
      const now = clock().getTime();
      for (const entry of jobs.values()) if (entry.job.done !== true && entry.dueAt <= now) run(entry);
    },

    /** The admin page's "Cancel": the same validation and job, run at once. Null, or why not. */
    cancelNow(args: OrderCancelArgs): string | null {
      const started = start(args);
      if ('errors' in started) return started.errors.map((error) => error.message).join(' ');
      run(started.entry);
      return (started.entry.result.errors as OrderCancelUserError[])[0]?.message ?? null;
    },

    /** The `orderCancel` mutation. */
    orderCancel: ((args) => {
      const started = start(OrderCancelArgsSchema.parse(args));
      return 'errors' in started ? payload(null, started.errors) : payload(started.entry, []);
    }) satisfies RootResolver as RootResolver,

    /** The query root's `job(id:)`: null for an id the shop never issued. */
    job: ((args) => jobs.get(String(args.id))?.job ?? null) satisfies RootResolver as RootResolver,

    /** What `GET /__sandbox/shopify/cancellations` shows: every accepted orderCancel and its job. */
    list,

    /**
     * Controls under `/__sandbox/shopify/`: `POST permissions {refundOrders?, refundToStoreCredit?}`
     * takes refund permissions away (NO_REFUND_PERMISSION…); `POST jobs {orderCancelDelayMs}` sets
     * the job delay; `GET cancellations` lists them. A reset restores both.
     */
    async handleControl(request: Request, path: string): Promise<Response | null> {
      if (path === '/__sandbox/shopify/cancellations' && request.method === 'GET') return json({ cancellations: list() });
      if (path === '/__sandbox/shopify/permissions' && request.method === 'POST') {
        const parsed = await readControlBody(request, PermissionsSchema);
        if (!parsed.ok) return parsed.response;
        permissions = { ...permissions, ...parsed.data };
        return json({ permissions });
      }
      if (path === '/__sandbox/shopify/jobs' && request.method === 'POST') {
        const parsed = await readControlBody(request, JobsSchema);
        if (!parsed.ok) return parsed.response;
        delayMs = parsed.data.orderCancelDelayMs;
        return json({ orderCancelDelayMs: delayMs });
      }
      return null;
    },
  };
}

export type OrderCancellations = ReturnType<typeof createOrderCancellations>;
