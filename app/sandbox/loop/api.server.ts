import { z } from 'zod';
import type { LoopWebhookHub } from './webhooks.server';
import { toDraftJson, toOrderItemsJson, toReturnJson, type Urls } from './serialize.server';
import { RETURN_REASONS, type EmulatedReturn, type LoopStore } from './store.server';

/*
 * The `/api/v1/…` operations the emulator knows, with Loop's published bodies: `"true"` for a
 * done action, 422 with a message for a refused one, Laravel-style validation errors
 * (`{message, errors: {field: [...]}}`) for a malformed request.
 */

export type ApiContext = { store: LoopStore; hub: LoopWebhookHub; urls: Urls; now: Date; unavailableOrders: Set<string> };

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body).replace(/\//g, '\\/'), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function invalid(error: z.ZodError): Response {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) (errors[issue.path.join('.') || 'body'] ??= []).push(issue.message);
  return json({ message: Object.values(errors)[0]?.[0] ?? 'The given data was invalid.', errors }, 422);
}

async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<{ data: T } | { response: Response }> {
  const text = await request.text();
  let body: unknown = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    return { response: json({ message: 'The body must be JSON.', errors: { body: ['The body must be JSON.'] } }, 422) };
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { data: parsed.data } : { response: invalid(parsed.error) };
}

const id = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);
const InitializeSchema = z.object({ order_name: z.string({ error: 'The order name field is required.' }).min(1), secondary_input: z.string({ error: 'The secondary input field is required.' }).min(1), is_gift: z.boolean().optional() });
const AddItemSchema = z.object({
  line_item_id: id, return_reason_id: id.refine((value) => RETURN_REASONS.some((reason) => reason.id === value), 'The selected return reason id is invalid.'),
  quantity: z.number().int().positive().default(1), comment: z.string().max(500).nullish(),
});
const LinkSchema = z.object({ name: z.string().min(1), zip: z.string().min(1), gift: z.boolean().optional() });
const NoteSchema = z.object({ content: z.string().min(1).max(254) });

/** Tells the portal what changed, as Loop's subscriptions would (return and label topics). */
export function announce(ctx: Pick<ApiContext, 'hub' | 'urls'>, target: EmulatedReturn, trigger: string): void {
  const body = toReturnJson(target, ctx.urls);
  if (trigger.startsWith('label.')) {
    ctx.hub.emit({
      topic: 'label', trigger, shop_id: '9876', return_id: body.id, order_id: String(body.order_id), provider_order_id: Number(body.provider_order_id),
      carrier: body.carrier, tracking_number: body.tracking_number, label_status: body.label_status, label_url: body.label_url, label_updated_at: body.label_updated_at,
    });
  } else {
    ctx.hub.emit({ topic: 'return', trigger, shop_id: 9876, ...body });
  }
}

type Handler = (ctx: ApiContext, request: Request, params: string[], url: URL) => Promise<Response> | Response;
const draftOf = (ctx: ApiContext, draftId: string) => ctx.store.drafts.find((draft) => String(draft.id) === draftId) ?? null;
const draftNotFound = () => json({ errors: [{ code: 'not-found', message: 'Draft return not found.' }] }, 404);
const returnNotFound = () => json({ errors: { code: 'NOT_FOUND', message: 'Return not found.' } }, 404);
const cannot = (target: EmulatedReturn) => json({ errors: { message: `Return is ${target.state} and therefore cannot be processed.`, code: 'UNPROCESSABLE_RETURN' } }, 422);

export const ROUTES: Array<{ method: string; path: RegExp; draft?: true; handler: Handler }> = [
  { method: 'POST', path: /^\/draft-returns$/, draft: true, handler: async (ctx, request) => {
    const read = await readJson(request, InitializeSchema);
    if ('response' in read) return read.response;
    const order = ctx.store.matchOrder(read.data.order_name, read.data.secondary_input);
    if (!order) return json({ errors: [{ code: 'order-not-found', message: 'No order matches that name and secondary input.' }] }, 422);
    return json(toDraftJson(ctx.store.createDraft(order), ctx.urls), 201);
  } },
  { method: 'GET', path: /^\/draft-returns\/(\d+)$/, draft: true, handler: (ctx, _request, [draftId]) => {
    const draft = draftOf(ctx, draftId!);
    return draft ? json(toDraftJson(draft, ctx.urls)) : draftNotFound();
  } },
  { method: 'GET', path: /^\/draft-returns\/(\d+)\/order\/items$/, draft: true, handler: (ctx, _request, [draftId]) => {
    const draft = draftOf(ctx, draftId!);
    return draft ? json(toOrderItemsJson(draft, ctx.store.unitsReturned)) : draftNotFound();
  } },
  { method: 'POST', path: /^\/draft-returns\/(\d+)\/returning-items$/, draft: true, handler: async (ctx, request, [draftId]) => {
    const draft = draftOf(ctx, draftId!);
    if (!draft) return draftNotFound();
    if (draft.state !== 'created') return json({ errors: [{ code: 'invalid-state', message: 'Items can no longer be changed.' }] }, 422);
    const read = await readJson(request, AddItemSchema);
    if ('response' in read) return read.response;
    const line = draft.order.lines.find((candidate) => candidate.loopLineItemId === read.data.line_item_id);
    if (!line) return json({ message: 'The selected line item id is invalid.', errors: { line_item_id: ['The selected line item id is invalid.'] } }, 422);
    const inDraft = draft.items.filter((item) => item.loopLineItemId === line.loopLineItemId).reduce((sum, item) => sum + item.quantity, 0);
    if (inDraft + read.data.quantity > line.quantity - ctx.store.unitsReturned(line)) {
      return json({ errors: [{ code: 'item-not-returnable', message: 'This item cannot be returned in that quantity.' }] }, 422);
    }
    draft.items.push({ loopLineItemId: line.loopLineItemId, reasonId: read.data.return_reason_id, quantity: read.data.quantity, comment: read.data.comment ?? null });
    return json(toDraftJson(draft, ctx.urls));
  } },
  { method: 'POST', path: /^\/draft-returns\/(\d+)\/finalize-items$/, draft: true, handler: (ctx, _request, [draftId]) => {
    const draft = draftOf(ctx, draftId!);
    if (!draft) return draftNotFound();
    if (draft.state !== 'created' || draft.items.length === 0) return json({ errors: [{ code: 'invalid-state', message: 'There are no items to finalize.' }] }, 422);
    draft.state = 'items_finalized';
    return json(toDraftJson(draft, ctx.urls));
  } },
  { method: 'POST', path: /^\/draft-returns\/(\d+)\/submit$/, draft: true, handler: (ctx, _request, [draftId]) => {
    const draft = draftOf(ctx, draftId!);
    if (!draft) return draftNotFound();
    if (draft.state !== 'items_finalized') return json({ errors: [{ code: 'invalid-state', message: 'The draft return is not ready to submit.' }] }, 422);
    if (ctx.unavailableOrders.has(draft.order.name)) {
      return json({ errors: [{ code: 'returns-unavailable-for-order', message: 'No return policy covers the address on this order.' }] }, 422);
    }
    const created = ctx.store.createReturn(draft, ctx.now);
    draft.state = 'submitted';
    draft.returnId = created.id;
    announce(ctx, created, 'return.created');
    announce(ctx, created, 'label.created');
    return json(toDraftJson(draft, ctx.urls));
  } },
  { method: 'POST', path: /^\/order\/link$/, handler: async (ctx, request) => {
    const read = await readJson(request, LinkSchema);
    if ('response' in read) return json({ errors: ['The name and zip fields are required.'] }, 400);
    const order = ctx.store.matchOrder(read.data.name, read.data.zip);
    if (!order) return json({ errors: ['Order not found.'] }, 400);
    return json({ url: `${ctx.urls.controls}/link/${ctx.store.createLink(order)}` });
  } },
  { method: 'GET', path: /^\/warehouse\/return\/list$/, handler: (ctx, _request, _params, url) => listReturns(ctx, url) },
  { method: 'GET', path: /^\/warehouse\/return\/details$/, handler: (ctx, _request, _params, url) => {
    const query = url.searchParams;
    const byName = query.get('order_name');
    const found = query.get('return_id') ? ctx.store.findReturn(query.get('return_id')!)
      : byName ? ctx.store.returns.filter((r) => r.order.name.replace(/^#/, '') === byName.replace(/^#/, '')).at(-1) ?? null
        : query.get('order_id') ? ctx.store.returns.filter((r) => r.order.providerOrderId === query.get('order_id')).at(-1) ?? null : null;
    return found ? json(toReturnJson(found, ctx.urls)) : returnNotFound();
  } },
  { method: 'GET', path: /^\/warehouse\/return\/(\d+)\/notes$/, handler: (ctx, _request, [returnId]) => {
    const target = ctx.store.findReturn(returnId!);
    if (!target) return returnNotFound();
    if (target.notes.length === 0) return json('false', 422);
    return json({ notes: target.notes.map((note) => ({ id: note.id, content: note.content, created_at: note.createdAt })) });
  } },
  { method: 'POST', path: /^\/warehouse\/return\/(\d+)\/note$/, handler: async (ctx, request, [returnId]) => {
    const target = ctx.store.findReturn(returnId!);
    if (!target) return returnNotFound();
    const read = await readJson(request, NoteSchema);
    if ('response' in read) return json({ errors: { message: 'Content is required and must be less than 255 characters.' } }, 422);
    ctx.store.addNote(target, read.data.content, ctx.now);
    return json('true');
  } },
  { method: 'POST', path: /^\/warehouse\/return\/(\d+)\/cancel$/, handler: (ctx, _request, [returnId]) => {
    const target = ctx.store.findReturn(returnId!);
    if (!target) return returnNotFound();
    if (target.state === 'expired') return json({ content: 'Return is expired and cannot be processed.' }, 422);
    if (target.state !== 'open' && target.state !== 'review') return cannot(target);
    target.state = 'cancelled';
    target.updatedAt = ctx.now.toISOString();
    announce(ctx, target, 'return.updated');
    return json('true');
  } },
];

/** `from`/`to` (at most 120 days apart, last 24 h by default), `filter`, `state`; `paginate=true` pages. */
function listReturns(ctx: ApiContext, url: URL): Response {
  const query = url.searchParams;
  const to = query.get('to') ? new Date(query.get('to')!) : ctx.now;
  const from = query.get('from') ? new Date(query.get('from')!) : new Date(to.getTime() - 86_400_000);
  if (Number.isNaN(from.getTime())) return json({ message: 'The from field must be a valid date.', errors: { from: ['The from field must be a valid date.'] } }, 422);
  if (Number.isNaN(to.getTime())) return json({ message: 'The to field must be a valid date.', errors: { to: ['The to field must be a valid date.'] } }, 422);
  if (to.getTime() - from.getTime() > 120 * 86_400_000) return json({ message: 'The date range may not be more than 120 days.', errors: { from: ['The date range may not be more than 120 days.'] } }, 422);
  const state = query.get('state');
  if (state && !['open', 'closed', 'cancelled', 'expired', 'review'].includes(state)) return json({ message: 'The selected state is invalid.', errors: { state: ['The selected state is invalid.'] } }, 422);
  const field = query.get('filter') === 'updated_at' ? 'updatedAt' : 'createdAt';
  const matching = ctx.store.returns.filter((r) => {
    const at = new Date(r[field]).getTime();
    return at >= from.getTime() && at <= to.getTime() && (state ? r.state === state : ['open', 'closed', 'expired'].includes(r.state));
  }).map((r) => toReturnJson(r, ctx.urls));
  if (query.get('paginate') !== 'true') return json(matching);
  const pageSize = Math.min(Math.max(Number(query.get('pageSize') ?? 100) || 100, 1), 750);
  const offset = Number(Buffer.from(query.get('cursor') ?? '', 'base64url').toString() || 0) || 0;
  const next = offset + pageSize < matching.length ? new URL(url) : null;
  next?.searchParams.set('cursor', Buffer.from(String(offset + pageSize)).toString('base64url'));
  return json({ returns: matching.slice(offset, offset + pageSize), nextPageUrl: next ? next.toString() : null, previousPageUrl: null });
}
