import { z } from 'zod';
import type { Lifecycle, Outcome } from './lifecycle.server';
import type { EmulatedOrder } from './orders.server';
import { conflict, envelope, errorEnvelope, notFound, toFieldPath, unprocessable, type FieldError } from './responses.server';
import { newReturn, returnableQuantity, toWire, type WireReturn } from './returns-store.server';

/*
 * The Returns API routes under `/returns/{version}`: list, create, get by id or RMA, approve,
 * reject, resolve (by id or RMA), and the returns-page link. Bodies are checked as AfterShip
 * documents them, and refused with 42200 and `meta.errors` paths.
 */

const RETURN_METHODS = ['retailer_label', 'customer_courier', 'happy_returns', 'in_store', 'green_return', 'retail_reworks', 'carrier_pickup'] as const;

const CreateSchema = z.object({
  order: z.object({
    external_id: z.string().min(1),
    store: z.object({ platform: z.enum(['shopify', 'sfcc', 'automizely-private', 'bigcommerce', 'magento-2', 'woocommerce', 'shoplazza', 'wix', 'shopware-6', 'squarespace']), external_id: z.string().min(1) }),
  }),
  return_items: z.array(z.object({
    external_order_item_id: z.string().min(1),
    intended_return_quantity: z.number().int().min(1),
    return_reason: z.string().min(1),
    return_subreason: z.string().optional(),
    return_reason_comment: z.string().optional(),
    shopper_uploaded_image_urls: z.array(z.string()).optional(),
    resolution: z.literal('refund'),
  })).min(1),
  return_method: z.object({ type: z.enum(RETURN_METHODS) }).optional(),
  refund_destination: z.enum(['original_payment', 'store_credit']),
});
const ApproveSchema = z.object({
  notify_customer: z.boolean().optional(),
  generate_label: z.boolean().optional(),
  customize_label_info: z.object({ label_reference: z.string().min(1).max(60).optional() }).passthrough().optional(),
});
const RejectSchema = z.object({ reject_reason: z.string().min(1).max(1000), notify_customer: z.boolean().optional() });
const ResolveSchema = z.object({ notify_customer: z.boolean().optional() });
const LinkSchema = z.object({ order_number: z.string().min(1), customer_email: z.string().optional(), email: z.string().optional(), postal_code: z.string().optional() });
const ListSchema = z.object({
  page: z.coerce.number().int().min(1).max(200).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  order_name: z.string().optional(),
  customer_email: z.string().optional(),
  approval_status: z.enum(['submitted', 'approved', 'done', 'rejected', 'expired']).optional(),
  return_method: z.string().optional(),
});

export type ApiState = {
  returns: Map<string, WireReturn>;
  orders: EmulatedOrder[];
  next(): number;
  storeId: string;
  organizationId: string;
  deferLabels(): boolean;
};

class Refusal extends Error {
  constructor(readonly response: Response) {
    super('refused');
  }
}

async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = JSON.parse((await request.text()) || '{}');
  } catch {
    throw new Refusal(unprocessable('Unprocessable entity', [{ path: '', info: 'body must be valid JSON' }]));
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.slice(0, 20).map((issue) => ({ path: toFieldPath(issue.path), info: `${toFieldPath(issue.path) || 'body'} ${issue.message}` }));
  throw new Refusal(unprocessable('Unprocessable entity', errors));
}

const outcome = (result: Outcome, status: number, code: number) => (result.ok ? envelope(status, code, toWire(result.ret)) : conflict(result.message));

function create(state: ApiState, body: z.infer<typeof CreateSchema>, now: Date): Response {
  if (body.order.store.external_id !== state.storeId) return unprocessable('Store not found', [{ path: 'order.store.external_id', info: 'store is not connected to this organization' }]);
  const order = state.orders.find((o) => o.externalId === body.order.external_id);
  if (!order) return unprocessable('Order not found', [{ path: 'order.external_id', info: 'order does not exist in the store' }]);
  for (const [index, item] of body.return_items.entries()) {
    const wanted = body.return_items.filter((i) => i.external_order_item_id === item.external_order_item_id).reduce((sum, i) => sum + i.intended_return_quantity, 0);
    if (wanted > returnableQuantity(state.returns.values(), order, item.external_order_item_id)) {
      return unprocessable('Request items mismatch order items', [{ path: `return_items[${index}].intended_return_quantity`, info: 'exceeds the quantity that can still be returned' }]);
    }
  }
  const ret = newReturn(state.next(), {
    order, storeId: state.storeId, items: body.return_items, returnMethod: body.return_method?.type ?? 'retailer_label',
    refundDestination: body.refund_destination, organizationId: state.organizationId,
  }, now);
  state.returns.set(ret.id, ret);
  return envelope(201, 20100, toWire(ret));
}

function list(state: ApiState, url: URL): Response {
  const parsed = ListSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return unprocessable('Unprocessable entity', parsed.error.issues.map((i) => ({ path: toFieldPath(i.path), info: `${toFieldPath(i.path)} ${i.message}` })));
  const q = parsed.data;
  const matching = [...state.returns.values()]
    .filter((r) => (!q.order_name || r.order.order_name === q.order_name) && (!q.approval_status || r.approval_status === q.approval_status)
      && (!q.customer_email || (r.contact_email as string).toLowerCase() === q.customer_email.toLowerCase())
      && (!q.return_method || (r.return_method as { type: string }).type === q.return_method))
    .reverse();
  const start = (q.page - 1) * q.limit;
  const pagination = { total: matching.length, page: q.page, limit: q.limit, has_next_page: start + q.limit < matching.length };
  return envelope(200, 20000, { returns: matching.slice(start, start + q.limit).map(toWire), pagination });
}

/** Answers one API request (the path below `/returns/{version}`), or null for a path it does not know. */
export async function handleReturnsApi(
  request: Request, path: string, deps: { state: ApiState; lifecycle: Lifecycle; clock: () => Date; origin: string },
): Promise<Response> {
  const { state, lifecycle } = deps;
  const find = (ref: string, byRma: boolean) => (byRma ? [...state.returns.values()].find((r) => r.rma_number === ref) : state.returns.get(ref));
  try {
    if (path === '/returns') {
      if (request.method === 'GET') return list(state, new URL(request.url));
      if (request.method === 'POST') return create(state, await readBody(request, CreateSchema), deps.clock());
      return errorEnvelope(405, 40500, 'Method not allowed');
    }
    if (path === '/returns/link') {
      if (request.method !== 'POST') return errorEnvelope(405, 40500, 'Method not allowed');
      const body = await readBody(request, LinkSchema);
      const order = state.orders.find((o) => o.name === body.order_number || o.number === body.order_number.replace(/^#/, ''));
      if (!order) return notFound('Order not found');
      return envelope(201, 20100, { url: `${deps.origin}/__sandbox/aftership/returns-page?order=${encodeURIComponent(order.number)}` });
    }
    const match = /^\/returns\/(rma\/)?([^/]+)(?:\/(approve|reject|resolve))?$/.exec(path);
    if (!match) return notFound('Not found');
    const [, rma, ref, action] = match;
    if ((action ? 'POST' : 'GET') !== request.method) return errorEnvelope(405, 40500, 'Method not allowed');
    const ret = find(decodeURIComponent(ref!), Boolean(rma));
    if (!ret) return notFound();
    switch (action) {
      case undefined: return envelope(200, 20000, toWire(ret));
      case 'approve': {
        const body = await readBody(request, ApproveSchema);
        return outcome(lifecycle.approve(ret, {
          generateLabel: body.generate_label ?? false, labelReference: body.customize_label_info?.label_reference ?? null, origin: deps.origin, deferLabel: state.deferLabels(),
        }), 202, 20200);
      }
      case 'reject': return outcome(lifecycle.reject(ret, (await readBody(request, RejectSchema)).reject_reason), 200, 20200);
      default: {
        await readBody(request, ResolveSchema);
        return outcome(lifecycle.resolve(ret, state.next()), 200, 20200);
      }
    }
  } catch (error) {
    if (error instanceof Refusal) return error.response;
    throw error;
  }
}
