import { SANDBOX_PAGE_STYLE } from '../page-response.server';
import type { Urls } from './serialize.server';
import type { LoopOrder, LoopStore } from './store.server';
import { TRANSITIONS } from './transitions.server';
import type { LoopWebhookHub } from './webhooks.server';

/*
 * `/__sandbox/loop`: the emulated Loop admin as a person watches a case go to its end — every
 * return with its label and state, a button per step it can take now, the plan switch, and the
 * webhooks sent to the portal. Plain forms, no script.
 */
const BASE = '/__sandbox/loop';

const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const button = (action: string, label: string, fields: Record<string, string> = {}) =>
  `<form method="post" action="${escape(action)}">${Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('')}<button type="submit">${escape(label)}</button></form>`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>${SANDBOX_PAGE_STYLE}</head><body><main>${body}</main></body></html>`;

export function renderLoopPage(store: LoopStore, hub: LoopWebhookHub, plan: { draftReturns: boolean }, urls: Urls): string {
  const rows = [...store.returns].reverse().map((r) => {
    const steps = Object.entries(TRANSITIONS).filter(([, step]) => step.allowed(r))
      .map(([name, step]) => button(`${BASE}/returns/${r.id}/${name}`, step.label)).join('');
    const files = `<a href="${BASE}/labels/${escape(r.label.token)}.pdf">Label (PDF)</a> · <a href="${BASE}/labels/${escape(r.label.token)}.png">QR code</a>`;
    const refunds = r.refunds.map((refund) => `${escape(refund.amount)} ${escape(refund.currency)}`).join(', ') || '—';
    return `<tr id="return-${r.id}"><th scope="row">${r.id}</th><td>${escape(r.order.name)}</td><td>${escape(r.state)}</td><td>${escape(r.label.status)}<br>${escape(r.label.carrier)} ${escape(r.label.trackingNumber)}<br>${files}</td><td>${refunds}</td><td>${escape(r.notes.map((n) => n.content).join(' / ') || '—')}</td><td>${steps || 'No step left'}</td></tr>`;
  });
  const table = rows.length
    ? `<div class="scroll" role="region" aria-label="Returns" tabindex="0"><table><caption>Returns</caption><thead><tr><th scope="col">Return</th><th scope="col">Order</th><th scope="col">State</th><th scope="col">Label</th><th scope="col">Refunds</th><th scope="col">Notes</th><th scope="col">Next step</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : '<p>No return yet. Approve a return case in the portal: its label request creates one here.</p>';
  const deliveries = hub.deliveries().slice(0, 20).map((d) =>
    `<li>#${d.seq} <code>${escape(d.trigger)}</code> return ${escape(d.returnId)}: ${escape(d.status)} after ${d.attempts} attempt(s)${d.lastStatus ? `, HTTP ${d.lastStatus}` : ''}</li>`).join('');
  const planForm = `<form method="post" action="${BASE}/plan"><label><input type="checkbox" name="draftReturns"${plan.draftReturns ? ' checked' : ''}> The plan includes Draft Returns (off: shoppers get a deep link to Loop's portal)</label> <button type="submit">Save</button></form>`;
  return page('Loop Returns (sandbox)', `<h1>Loop Returns (sandbox)</h1><p>API at <code>${escape(urls.api)}/api/v1</code>.</p>${planForm}${table}<h2>Webhooks sent to the portal</h2>${deliveries ? `<ol>${deliveries}</ol>` : '<p>None yet.</p>'}${button(`${BASE}/reset`, 'Reset the Loop sandbox')}`);
}

/** Loop's shopper portal, opened by a deep link on one order. */
export function renderLinkPage(order: LoopOrder, action: string): string {
  const lines = order.lines.map((line) => `<li>${escape(line.title)} × ${line.quantity}</li>`).join('');
  return page(`Return order ${order.name}`, `<h1>Return order ${escape(order.name)}</h1><p>Loop's return portal (sandbox), opened by a deep link.</p><ul>${lines}</ul>${button(action, 'Return these items')}`);
}
