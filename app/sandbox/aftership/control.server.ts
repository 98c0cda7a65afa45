import { z } from 'zod';
import type { LabelAddress } from '~/labels/ports';
import { renderLabelPdf, renderQrPng } from '~/sandbox/labels/label-document.server';
import { isSameOrigin } from '~/sandbox/page-response.server';
import type { FaultSwitch } from '../gorgias/faults.server';
import { FaultsSchema } from '../gorgias/faults.server';
import type { ApiState } from './api.server';
import { DEMO_WAREHOUSE, type Lifecycle, type Outcome } from './lifecycle.server';
import type { EmulatedAddress } from './orders.server';
import { renderControlPage, renderReturnsPage } from './page.server';
import { toWire } from './returns-store.server';
import { WebhookSwitchesSchema, type WebhookHub } from './webhooks.server';

/*
 * Sandbox-only endpoints under `/__sandbox/aftership`, never rate-limited, faulted or
 * authenticated; the portal never calls them:
 * - `GET /` the control page; `POST advance {return, to}` moves a return along (label,
 *   in_transit, delivered, received, refunded, store_credit, rejected, expired) and sends its webhook;
 * - `POST faults {errorRate, latencyMs, storm429, downForSeconds}`; `POST webhooks {duplicate,
 *   outOfOrder, delayMs}`, `POST webhooks/flush`; `POST labels {defer}`; `POST reset`; `GET state`;
 * - `GET labels/<id>.pdf`, `GET labels/<id>/qr.png`: what label links point to.
 * Forms (the page) get a 303 back to the page; JSON bodies get JSON.
 */

const BASE = '/__sandbox/aftership';
export const ADVANCE_TARGETS = ['label', 'in_transit', 'delivered', 'received', 'refunded', 'store_credit', 'rejected', 'expired'] as const;
const AdvanceSchema = z.object({ return: z.string().min(1), to: z.enum(ADVANCE_TARGETS) });
const booleanField = z.union([z.boolean(), z.enum(['on', 'true', '1']).transform(() => true)]);
const SwitchFormSchema = z.object({ duplicate: booleanField.optional(), outOfOrder: booleanField.optional(), delayMs: z.coerce.number().int().min(0).max(600_000).optional() });
const DeferSchema = z.object({ defer: booleanField.optional() });

export type ControlDeps = {
  state: ApiState; lifecycle: Lifecycle; faults: FaultSwitch; hub: WebhookHub; reset: () => void; origin: string;
  setDeferLabels: (value: boolean) => void; deferLabels: () => boolean;
};

const json = (body: unknown, status = 200) => Response.json(body, { status });
const isForm = (request: Request) => !(request.headers.get('content-type') ?? '').includes('application/json');

async function readInput(request: Request): Promise<unknown> {
  if (!isForm(request)) return request.json().catch(() => null);
  return Object.fromEntries(new URLSearchParams(await request.text()));
}

/** Back to the page with a notice for a form; JSON for a test. */
function answer(request: Request, status: number, body: { ok: boolean; message: string } & Record<string, unknown>): Response {
  if (!isForm(request)) return json(body, status);
  const notice = new URLSearchParams({ [body.ok ? 'done' : 'error']: body.message });
  return new Response(null, { status: 303, headers: { Location: `${BASE}?${notice}` } });
}

const toLabelAddress = (a: EmulatedAddress): LabelAddress => ({
  name: a.name, company: null, address1: a.address1, address2: a.address2, city: a.city, province: a.province, zip: a.zip, countryCode: a.countryCode, phone: a.phone,
});

function advance(deps: ControlDeps, input: z.infer<typeof AdvanceSchema>): Outcome {
  const ret = deps.state.returns.get(input.return) ?? [...deps.state.returns.values()].find((r) => r.rma_number === input.return);
  if (!ret) return { ok: false, message: 'No such return' };
  switch (input.to) {
    case 'label': return deps.lifecycle.provideLabel(ret, deps.origin);
    case 'in_transit':
    case 'delivered': return deps.lifecycle.scan(ret, input.to);
    case 'received': return deps.lifecycle.receive(ret);
    case 'refunded': return deps.lifecycle.resolve(ret, deps.state.next(), 'original_payment');
    case 'store_credit': return deps.lifecycle.resolve(ret, deps.state.next(), 'store_credit');
    case 'rejected': return deps.lifecycle.reject(ret, 'Rejected in the sandbox controls');
    case 'expired': return deps.lifecycle.expire(ret);
  }
}

async function serveLabel(deps: ControlDeps, id: string, kind: 'pdf' | 'qr'): Promise<Response> {
  const ret = deps.state.returns.get(id);
  const shipment = ret?.shipments[0];
  if (!ret || !shipment) return json({ error: 'No label for this return' }, 404);
  if (kind === 'qr') return new Response(Buffer.from(await renderQrPng(shipment.tracking_number)), { headers: { 'Content-Type': 'image/png' } });
  const order = deps.state.orders.find((o) => o.externalId === ret.order.external_id);
  const pdf = await renderLabelPdf({
    carrier: 'Colissimo', trackingNumber: shipment.tracking_number, reference: ret.label_reference ?? ret.rma_number,
    from: order ? toLabelAddress(order.shippingAddress) : null, to: toLabelAddress(DEMO_WAREHOUSE),
  });
  return new Response(Buffer.from(pdf), { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="return-label-${ret.rma_number}.pdf"` } });
}

export async function handleControl(request: Request, url: URL, deps: ControlDeps): Promise<Response> {
  const path = url.pathname.replace(/\/+$/, '');
  const label = /^\/__sandbox\/aftership\/labels\/([0-9a-f]{32})(\.pdf|\/qr\.png)$/.exec(path);
  if (request.method === 'GET') {
    if (path === BASE) return renderControlPage(deps, url.searchParams);
    if (path === `${BASE}/state`) {
      return json({ returns: [...deps.state.returns.values()].map(toWire), deliveries: deps.hub.deliveries(), switches: deps.hub.switches(), deferLabels: deps.deferLabels() });
    }
    if (path === `${BASE}/returns-page`) return renderReturnsPage(deps, url.searchParams.get('order') ?? '');
    if (label) return serveLabel(deps, label[1]!, label[2] === '.pdf' ? 'pdf' : 'qr');
    return json({ error: 'Not found' }, 404);
  }
  if (request.method !== 'POST') return json({ error: 'Method not allowed' }, 405);
  if (isForm(request) && !isSameOrigin(request)) return json({ error: 'Cross-site form refused' }, 403);
  const input = await readInput(request);
  switch (path) {
    case `${BASE}/advance`: {
      const parsed = AdvanceSchema.safeParse(input);
      if (!parsed.success) return answer(request, 400, { ok: false, message: `Invalid advance: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` });
      const result = advance(deps, parsed.data);
      return result.ok
        ? answer(request, 200, { ok: true, message: `Return ${result.ret.rma_number}: ${parsed.data.to}`, return: toWire(result.ret) })
        : answer(request, 409, { ok: false, message: result.message });
    }
    case `${BASE}/faults`: {
      // A form's fields are strings; the page only posts numbers.
      const values = isForm(request) ? Object.fromEntries(Object.entries(input as Record<string, string>).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])) : input;
      const parsed = FaultsSchema.safeParse(values);
      if (!parsed.success) return answer(request, 400, { ok: false, message: 'Invalid faults' });
      return answer(request, 200, { ok: true, message: 'Faults set', ...deps.faults.set(parsed.data) });
    }
    case `${BASE}/webhooks`: {
      const parsed = SwitchFormSchema.safeParse(input);
      if (!parsed.success) return answer(request, 400, { ok: false, message: 'Invalid webhook switches' });
      const switches = deps.hub.setSwitches(WebhookSwitchesSchema.parse({ duplicate: false, outOfOrder: false, ...parsed.data }));
      return answer(request, 200, { ok: true, message: 'Webhook switches set', switches });
    }
    case `${BASE}/webhooks/flush`:
      deps.hub.flush();
      return answer(request, 200, { ok: true, message: 'Held webhooks sent' });
    case `${BASE}/labels`: {
      const parsed = DeferSchema.safeParse(input);
      if (!parsed.success) return answer(request, 400, { ok: false, message: 'Invalid label switch' });
      deps.setDeferLabels(parsed.data.defer ?? false);
      return answer(request, 200, { ok: true, message: deps.deferLabels() ? 'Labels now come later' : 'Labels come with the approval' });
    }
    case `${BASE}/reset`:
      deps.reset();
      return answer(request, 200, { ok: true, message: 'Emulator reset' });
    default:
      return json({ error: 'Not found' }, 404);
  }
}
