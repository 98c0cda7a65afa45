import { html } from '~/sandbox/page-response.server';
import type { ControlDeps } from './control.server';
import type { WireReturn } from './returns-store.server';

/*
 * `/__sandbox/aftership`: the emulator's returns as a person sees them, with buttons that move a
 * parcel along (each sends AfterShip's webhook to the portal), the webhook switches, faults and
 * the deliveries log. Plain forms: it works without JavaScript, and has no script at all.
 */

const BASE = '/__sandbox/aftership';
const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STEPS: Array<{ to: string; label: string; when: (r: WireReturn) => boolean }> = [
  { to: 'label', label: 'Generate label', when: (r) => r.approval_status === 'approved' && r.shipments.length === 0 },
  { to: 'in_transit', label: 'Scan: in transit', when: (r) => r.approval_status === 'approved' && r.shipping_status === 'pending' },
  { to: 'delivered', label: 'Scan: delivered to store', when: (r) => r.approval_status === 'approved' && ['pending', 'in_transit'].includes(r.shipping_status) },
  { to: 'received', label: 'Receive items', when: (r) => r.approval_status === 'approved' && r.shipping_status !== 'received' },
  { to: 'refunded', label: 'Refund', when: (r) => ['approved', 'expired'].includes(r.approval_status) },
  { to: 'store_credit', label: 'Issue store credit', when: (r) => ['approved', 'expired'].includes(r.approval_status) },
  { to: 'rejected', label: 'Reject', when: (r) => ['submitted', 'approved', 'expired'].includes(r.approval_status) },
  { to: 'expired', label: 'Expire', when: (r) => ['submitted', 'approved'].includes(r.approval_status) },
];

const button = (action: string, fields: Record<string, string>, label: string) =>
  `<form method="post" action="${BASE}/${action}">${Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`).join('')}<button type="submit">${escape(label)}</button></form>`;

function returnRow(ret: WireReturn): string {
  const shipment = ret.shipments[0];
  const label = shipment?.label?.url ? `<a href="${escape(shipment.label.url)}">PDF</a> · <a href="${escape(shipment.label.qr_code_url)}">QR</a><br><small>${escape(shipment.tracking_number)}</small>` : '—';
  const actions = STEPS.filter((s) => s.when(ret)).map((s) => button('advance', { return: ret.id, to: s.to }, `${s.label} (${ret.rma_number})`)).join('');
  return `<tr><th scope="row">${escape(ret.rma_number)}<br><small><code>${escape(ret.id)}</code></small></th><td>${escape(ret.order.order_name)}</td>
<td>${escape(ret.approval_status)}</td><td>${escape(ret.shipping_status)}</td><td>${label}</td><td class="actions">${actions || '—'}</td></tr>`;
}

function page(deps: ControlDeps, params: URLSearchParams): string {
  const returns = [...deps.state.returns.values()].reverse();
  const switches = deps.hub.switches();
  const notice = params.get('done') ? `<p role="status" class="done">${escape(params.get('done'))}</p>` : params.get('error') ? `<p role="alert" class="error">${escape(params.get('error'))}</p>` : '';
  const table = returns.length === 0
    ? '<p>No return yet: approve a return in the portal with AfterShip as its label provider, and it shows here.</p>'
    : `<div class="scroll" role="region" aria-label="Returns" tabindex="0"><table><caption>${returns.length} return(s), newest first</caption><thead><tr><th scope="col">RMA</th><th scope="col">Order</th><th scope="col">Approval</th><th scope="col">Shipping</th><th scope="col">Label</th><th scope="col">Move it along</th></tr></thead><tbody>${returns.map(returnRow).join('')}</tbody></table></div>`;
  const deliveries = deps.hub.deliveries().slice(0, 30).map((d) => `<tr><td><code>${escape(d.event)}</code></td><td><code>${escape(d.id)}</code></td><td>${escape(d.status)}</td><td class="n">${d.attempts}</td><td class="n">${escape(d.lastStatus ?? '—')}</td></tr>`).join('');
  const check = (name: string, on: boolean, text: string) => `<label><input type="checkbox" name="${name}"${on ? ' checked' : ''}> ${escape(text)}</label>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AfterShip Returns – Comptoir sandbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
caption { text-align: left; font-weight: 600; margin-bottom: .5rem; }
th, td { border: 1px solid #c8c8c8; padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #f0ede6; }
.n { text-align: right; }
.scroll { overflow-x: auto; margin: 1rem 0 2rem; }
.scroll table { margin: 0; }
.actions form { display: block; margin: 0 0 .3rem; }
code { word-break: break-all; }
button { font: inherit; padding: .3rem .7rem; border: 1px solid #555; border-radius: 4px; background: #fff; cursor: pointer; }
fieldset { margin: 0 0 1rem; border: 1px solid #c8c8c8; }
.done { background: #e6f4ea; padding: .5rem; } .error { background: #fdecea; padding: .5rem; }
</style>
</head>
<body>
<main>
<h1>AfterShip Returns (sandbox)</h1>
<p>The emulated AfterShip organization: returns the portal created, their labels, and buttons that move a parcel along. Each step sends a signed webhook to the portal (<code>/webhooks/aftership</code>).</p>
${notice}
<h2>Returns</h2>
${table}
<h2>Webhooks</h2>
<form method="post" action="${BASE}/webhooks"><fieldset><legend>Delivery switches</legend>
${check('duplicate', switches.duplicate, 'Send each delivery twice (same id)')}<br>
${check('outOfOrder', switches.outOfOrder, 'Out of order: hold each delivery until the next one has gone')}<br>
<label>Delay before each delivery (ms) <input type="number" name="delayMs" min="0" max="600000" value="${switches.delayMs}"></label>
<button type="submit">Save switches</button></fieldset></form>
${button('webhooks/flush', {}, 'Send held deliveries')}
<form method="post" action="${BASE}/labels"><fieldset><legend>Labels</legend>
${check('defer', deps.deferLabels(), 'Generate labels later (the approval answers without one; "Generate label" sends it)')}
<button type="submit">Save</button></fieldset></form>
<h2>Faults</h2>
<form method="post" action="${BASE}/faults"><fieldset><legend>API faults</legend>
<label>Share of 5xx answers (0–1) <input type="number" name="errorRate" min="0" max="1" step="0.05" value="0"></label><br>
<label>Next N requests get 429 <input type="number" name="storm429" min="0" max="10000" value="0"></label><br>
<label>Down for (seconds) <input type="number" name="downForSeconds" min="0" max="86400" value="0"></label><br>
<label>Latency (ms) <input type="number" name="latencyMs" min="0" max="30000" value="0"></label>
<button type="submit">Set faults</button></fieldset></form>
${button('reset', {}, 'Reset the emulator')}
<table><caption>Recent deliveries</caption><thead><tr><th scope="col">Event</th><th scope="col">Id</th><th scope="col">Status</th><th scope="col" class="n">Attempts</th><th scope="col" class="n">Last answer</th></tr></thead><tbody>${deliveries || '<tr><td colspan="5">None yet</td></tr>'}</tbody></table>
</main>
</body>
</html>`;
}

export const renderControlPage = (deps: ControlDeps, params: URLSearchParams) => html(page(deps, params));

/** Where `POST /returns/link` points: the shopper's AfterShip returns page, reduced to the order's returns. */
export function renderReturnsPage(deps: ControlDeps, orderNumber: string): Response {
  const returns = [...deps.state.returns.values()].filter((r) => r.order.order_number === orderNumber);
  const items = returns.map((r) => {
    const url = r.shipments[0]?.label?.url;
    return `<li>${escape(r.rma_number)}: ${escape(r.approval_status)}${url ? ` — <a href="${escape(url)}">print the label</a>` : ''}</li>`;
  }).join('');
  return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Returns – Comptoir sandbox</title></head>
<body><main><h1>Your returns</h1>${items ? `<ul>${items}</ul>` : '<p>No return for this order yet.</p>'}</main></body></html>`);
}
