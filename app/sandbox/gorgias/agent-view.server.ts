import type { Message, Store, Ticket } from './store.server';

const BASE = '/__sandbox/gorgias';

/** Served at `/__sandbox/gorgias/agent.css`: the pages link it, so they need no inline style. */
export const AGENT_CSS = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}
article{border:1px solid #ccc;border-radius:.3rem;padding:.8rem;margin:1rem 0}
article.note{background:#fff6d6;border-color:#b58900}article.reply{background:#e8f1fb;border-color:#1f5fa8}
.badge{font-weight:700;text-transform:uppercase;font-size:.8rem}
pre{white-space:pre-wrap;font-family:inherit}`;

const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="stylesheet" href="${BASE}/agent.css"></head>
<body><p><strong>Sandbox</strong> Gorgias: what a support agent sees.</p><main>${body}</main></body></html>`;
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'",
    },
  });
}

function describe(store: Store, ticket: Ticket) {
  const customer = store.customers.get(ticket.customer_id);
  return {
    customer: customer ? `${customer.name ?? ''} <${customer.email ?? 'no email'}>`.trim() : '—',
    tags: ticket.tag_ids.map((id) => store.tags.get(id)?.name).filter(Boolean).join(', ') || '—',
    assignee: store.users.find((u) => u.id === ticket.assignee_user_id)?.name ?? 'Unassigned',
    team: store.teams.find((t) => t.id === ticket.assignee_team_id)?.name ?? 'No team',
  };
}

/** `GET /__sandbox/gorgias/tickets`: every ticket, newest update first. */
export function renderTicketList(store: Store): Response {
  const tickets = [...store.tickets.values()].sort((a, b) => (a.updated_datetime < b.updated_datetime ? 1 : -1) || b.id - a.id);
  const rows = tickets.map((t) => {
    const d = describe(store, t);
    return `<tr><th scope="row"><a href="${BASE}/tickets/${t.id}">${escape(t.subject || `Ticket ${t.id}`)}</a></th>
<td>${escape(d.customer)}</td><td>${escape(d.tags)}</td><td>${escape(t.status)}</td><td>${escape(t.priority)}</td><td>${escape(d.team)}</td>
<td>${escape(d.assignee)}</td><td>${escape(t.updated_datetime)}</td></tr>`;
  });
  const table = tickets.length
    ? `<table><caption>${tickets.length} ticket(s)</caption><thead><tr><th scope="col">Subject</th><th scope="col">Customer</th><th scope="col">Tags</th>
<th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Team</th><th scope="col">Assignee</th><th scope="col">Last update</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`
    : '<p>No tickets yet.</p>';
  return page('Tickets — sandbox Gorgias', `<h1>Tickets</h1>${table}`);
}

/** Where an outgoing public message went, as an agent checks before replying again. */
function describeDelivery(message: Message): string {
  const from = (message.source?.['from'] as { address?: unknown } | undefined)?.address;
  const to = message.receiver?.email ?? message.receiver?.name;
  return [to ? `to ${escape(to)}` : '', typeof from === 'string' ? `from ${escape(from)}` : ''].filter(Boolean).join(', ');
}

function renderMessage(message: Message): string {
  const note = message.channel === 'internal-note';
  const reply = !note && message.from_agent;
  const kind = note ? 'Internal note' : reply ? 'Public reply' : 'From customer';
  const delivery = reply ? ` ${describeDelivery(message)}` : '';
  const body = message.body_text ?? (message.body_html ?? '').replace(/<[^>]*>/g, ' ');
  const files = message.attachments.length
    ? `<h4>Attachments</h4><ul>${message.attachments.map((a) => `<li><a href="${escape(a.url)}">${escape(a.name)}</a> (${escape(a.content_type)})</li>`).join('')}</ul>`
    : '';
  return `<article class="${note ? 'note' : reply ? 'reply' : 'message'}"><h3><span class="badge">${kind}</span> by ${escape(message.sender.name ?? message.sender.email)}${delivery}</h3>
<p>${escape(message.created_datetime)} · ${escape(message.channel)} via ${escape(message.via)}${message.external_id ? ` · external id ${escape(message.external_id)}` : ''}</p>
<pre>${escape(body)}</pre>${files}</article>`;
}

/** `GET /__sandbox/gorgias/tickets/{id}`: one ticket as an agent reads it, or null if unknown. */
export function renderTicket(store: Store, id: number): Response | null {
  const ticket = store.tickets.get(id);
  if (!ticket) return null;
  const d = describe(store, ticket);
  const customer = store.customers.get(ticket.customer_id);
  const facts: Array<[string, unknown]> = [
    ['Status', ticket.status], ['Priority', ticket.priority], ['Assignee', d.assignee], ['Team', d.team], ['Tags', d.tags],
    ['Channel', ticket.channel], ['External id', ticket.external_id ?? '—'], ['Created', ticket.created_datetime], ['Last update', ticket.updated_datetime],
    ...ticket.custom_fields.map(({ id: fieldId, value }): [string, unknown] => [store.ticketFields.find((f) => f.id === fieldId)?.label ?? `Field ${fieldId}`, value]),
  ];
  const body = `<p><a href="${BASE}/tickets">All tickets</a></p><h1>${escape(ticket.subject || `Ticket ${ticket.id}`)}</h1>
<dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd>${escape(v)}</dd>`).join('')}</dl>
<h2>Customer</h2><dl><dt>Name</dt><dd>${escape(customer?.name ?? '—')}</dd><dt>Email</dt><dd>${escape(customer?.email ?? '—')}</dd></dl>
${customer?.data ? `<h3>Customer data</h3><pre>${escape(JSON.stringify(customer.data, null, 2))}</pre>` : ''}
${Object.keys(ticket.meta).length ? `<h2>Ticket meta</h2><pre>${escape(JSON.stringify(ticket.meta, null, 2))}</pre>` : ''}
<h2>Messages (${ticket.messages.length})</h2>${ticket.messages.map(renderMessage).join('')}`;
  return page(`${ticket.subject || `Ticket ${ticket.id}`} — sandbox Gorgias`, body);
}
