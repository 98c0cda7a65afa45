import { z } from 'zod';
import { html, isSameOrigin } from '../page-response.server';
import { FaultsSchema, type FaultSwitch } from '../gorgias/faults.server';
import { renderLabelPdf, renderQrPng } from '../labels/label-document.server';
import { announce, type ApiContext } from './api.server';
import { renderLinkPage, renderLoopPage } from './page.server';
import { toReturnJson } from './serialize.server';
import { DESTINATION, RETURN_REASONS, type LoopStore } from './store.server';
import { applyTransition, isTransition } from './transitions.server';
import type { LoopWebhookHub } from './webhooks.server';

/*
 * `/__sandbox/loop/…`: what tests and a person use to arrange the emulator and watch it — never
 * the portal's code. JSON in and out for tests; the page's forms post url-encoded and are sent
 * back to the page (303).
 */
const BASE = '/__sandbox/loop';

export type ControlDeps = {
  store: () => LoopStore; hub: LoopWebhookHub; faults: FaultSwitch; reset: () => void;
  plan: { draftReturns: boolean; unavailableOrders: Set<string> };
  context: () => ApiContext;
};

const PlanSchema = z.strictObject({ draftReturns: z.boolean().optional(), unavailableOrders: z.array(z.string().min(1)).optional() });
const SwitchesSchema = z.strictObject({ duplicate: z.boolean().default(false), outOfOrder: z.boolean().default(false), delayMs: z.number().int().min(0).max(60_000).default(0) });

async function readBody(request: Request): Promise<{ form: boolean; body: unknown }> {
  const form = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded');
  const text = await request.text();
  if (form) return { form, body: Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { form, body: text ? JSON.parse(text) : {} };
  } catch {
    return { form, body: null };
  }
}

const backToPage = (anchor = '') => new Response(null, { status: 303, headers: { Location: `${BASE}${anchor}` } });

export async function handleControl(request: Request, url: URL, deps: ControlDeps): Promise<Response> {
  const path = url.pathname.replace(/\/+$/, '');
  const store = deps.store();
  if (request.method === 'GET') {
    if (path === BASE) return html(renderLoopPage(store, deps.hub, deps.plan, deps.context().urls));
    if (path === `${BASE}/state`) {
      return Response.json({
        returns: store.returns.map((r) => toReturnJson(r, deps.context().urls)), drafts: store.drafts.map((d) => ({ id: d.id, state: d.state, returnId: d.returnId })),
        deliveries: deps.hub.deliveries(), switches: deps.hub.switches(), plan: { draftReturns: deps.plan.draftReturns, unavailableOrders: [...deps.plan.unavailableOrders] },
      });
    }
    const file = /^\/__sandbox\/loop\/labels\/([\w-]+)\.(pdf|png)$/.exec(path);
    if (file) return serveLabel(store, file[1]!, file[2] as 'pdf' | 'png');
    const link = /^\/__sandbox\/loop\/link\/([\w-]+)$/.exec(path);
    const order = link ? store.findLink(link[1]!) : null;
    if (order) return html(renderLinkPage(order, url.pathname));
    return Response.json({ error: 'unknown sandbox path' }, { status: 404 });
  }
  if (request.method !== 'POST') return Response.json({ error: 'method not allowed' }, { status: 405 });
  if (!isSameOrigin(request)) return Response.json({ error: 'cross-site form' }, { status: 403 });
  const { form, body } = await readBody(request);

  if (path === `${BASE}/reset`) {
    deps.reset();
    return form ? backToPage() : Response.json({ ok: true });
  }
  if (path === `${BASE}/faults`) {
    const parsed = FaultsSchema.safeParse(body);
    return parsed.success ? Response.json(deps.faults.set(parsed.data)) : Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  }
  if (path === `${BASE}/plan`) {
    const parsed = PlanSchema.safeParse(form ? { draftReturns: (body as Record<string, string>).draftReturns === 'on' } : body);
    if (!parsed.success) return Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
    if (parsed.data.draftReturns !== undefined) deps.plan.draftReturns = parsed.data.draftReturns;
    if (parsed.data.unavailableOrders) deps.plan.unavailableOrders = new Set(parsed.data.unavailableOrders);
    return form ? backToPage() : Response.json({ draftReturns: deps.plan.draftReturns, unavailableOrders: [...deps.plan.unavailableOrders] });
  }
  if (path === `${BASE}/webhooks`) {
    const parsed = SwitchesSchema.safeParse(body);
    return parsed.success ? Response.json(deps.hub.setSwitches(parsed.data)) : Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  }
  const move = /^\/__sandbox\/loop\/returns\/(\d+)\/([a-z-]+)$/.exec(path);
  if (move) {
    const target = store.findReturn(move[1]!);
    if (!target) return Response.json({ error: 'no such return' }, { status: 404 });
    if (!isTransition(move[2]!)) return Response.json({ error: `unknown step ${move[2]}` }, { status: 404 });
    const ctx = deps.context();
    const done = applyTransition(store, target, move[2], ctx.now);
    if (!done) return form ? backToPage(`#return-${target.id}`) : Response.json({ error: `a ${target.state} return cannot take that step now` }, { status: 409 });
    announce(ctx, target, done.trigger);
    return form ? backToPage(`#return-${target.id}`) : Response.json(toReturnJson(target, ctx.urls));
  }
  const link = /^\/__sandbox\/loop\/link\/([\w-]+)$/.exec(path);
  const order = link ? store.findLink(link[1]!) : null;
  if (order) return createFromPortal(deps, order);
  return Response.json({ error: 'unknown sandbox path' }, { status: 404 });
}

/** The shopper finishes in Loop's own portal: every line still returnable, reason "Other". */
function createFromPortal(deps: ControlDeps, order: NonNullable<ReturnType<LoopStore['findLink']>>): Response {
  const store = deps.store();
  const ctx = deps.context();
  const draft = store.createDraft(order);
  const other = RETURN_REASONS.at(-1)!.id;
  for (const line of order.lines) {
    const left = line.quantity - store.unitsReturned(line);
    if (left > 0) draft.items.push({ loopLineItemId: line.loopLineItemId, reasonId: other, quantity: left, comment: null });
  }
  if (draft.items.length === 0) return html('<!doctype html><title>Loop</title><p>Nothing left to return on this order.</p>', 422);
  const created = store.createReturn(draft, ctx.now);
  Object.assign(draft, { state: 'submitted', returnId: created.id });
  announce(ctx, created, 'return.created');
  announce(ctx, created, 'label.created');
  return backToPage(`#return-${created.id}`);
}

async function serveLabel(store: LoopStore, token: string, kind: 'pdf' | 'png'): Promise<Response> {
  const target = store.findReturnByLabel(token);
  if (!target) return Response.json({ error: 'no such label' }, { status: 404 });
  if (kind === 'png') return new Response(Buffer.from(await renderQrPng(target.label.trackingNumber)), { headers: { 'Content-Type': 'image/png' } });
  const a = target.order.address;
  const pdf = await renderLabelPdf({
    carrier: target.label.carrier, trackingNumber: target.label.trackingNumber, reference: `Loop return ${target.id}`,
    from: { name: a.name, company: null, address1: a.address1, address2: a.address2, city: a.city, province: null, zip: a.zip, countryCode: a.countryCode, phone: a.phone },
    to: { name: DESTINATION.name, company: DESTINATION.company, address1: DESTINATION.address1, address2: null, city: DESTINATION.city, province: null, zip: DESTINATION.zip, countryCode: DESTINATION.country_code, phone: null },
  });
  return new Response(Buffer.from(pdf), { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="loop-return-${target.id}.pdf"` } });
}

