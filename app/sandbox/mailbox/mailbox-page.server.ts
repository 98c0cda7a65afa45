import { z } from 'zod';
import { html, isSameOrigin, SANDBOX_PAGE_STYLE } from '../page-response.server';
import type { Mailbox, MailboxMessage } from './mailbox.server';

/*
 * `/__sandbox/mailbox`: the emails the portal sent in the sandbox, as a person reads them — a list
 * (newest first), and each message's text and HTML. `/__sandbox/mailbox.json` is the same list for
 * tests (`?to=` keeps one recipient's); `POST /__sandbox/mailbox/clear` empties it.
 */
export const MAILBOX_PATH = '/__sandbox/mailbox';

const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * An email's HTML is shown in an iframe with every sandbox flag off (no script, no form, no
 * same-origin) and its own policy: it loads nothing, so a message cannot reach out or run.
 */
const EMAIL_FRAME_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

const ListQuerySchema = z.object({ to: z.string().trim().max(320).optional() });

const toJson = (message: MailboxMessage) => ({ ...message, receivedAt: message.receivedAt.toISOString() });

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Comptoir sandbox</title>
${SANDBOX_PAGE_STYLE}
<style>pre { white-space: pre-wrap; background: #f6f5f2; padding: .75rem; } iframe { width: 100%; height: 32rem; border: 1px solid #c8c8c8; }</style>
</head>
<body><main>${body}</main></body>
</html>
`;
}

function listPage(messages: MailboxMessage[], running: boolean): string {
  const note = running
    ? '<p>Emails the portal sent in the sandbox, newest first. They went to this loopback mailbox, never to the address.</p>'
    : '<p>No sandbox mailbox is running: <code>SMTP_URL</code> is set, so emails go to that server.</p>';
  const rows = messages.map((m) => `<tr><td>${escape(m.to.join(', '))}</td><th scope="row"><a href="${MAILBOX_PATH}/${escape(m.id)}">${escape(m.subject || '(no subject)')}</a></th><td><time datetime="${m.receivedAt.toISOString()}">${escape(m.receivedAt.toISOString())}</time></td></tr>`);
  const table = messages.length === 0
    ? '<p>No email yet.</p>'
    : `<div class="scroll"><table><caption>${messages.length} email${messages.length === 1 ? '' : 's'}</caption><thead><tr><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Received</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<form method="post" action="${MAILBOX_PATH}/clear"><button type="submit">Empty the mailbox</button></form>`;
  return layout('Mailbox', `<h1>Mailbox</h1>${note}${table}`);
}

function messagePage(m: MailboxMessage): string {
  const frame = m.html === null ? '<p>This email has no HTML part.</p>' : `<iframe title="The email as HTML" sandbox="" srcdoc="${escape(EMAIL_FRAME_POLICY + m.html)}"></iframe>`;
  return layout(m.subject || 'Email', `<p><a href="${MAILBOX_PATH}">← All emails</a></p>
<h1>${escape(m.subject || '(no subject)')}</h1>
<dl><dt>From</dt><dd>${escape(m.from)}</dd><dt>To</dt><dd>${escape(m.to.join(', '))}</dd><dt>Received</dt><dd><time datetime="${m.receivedAt.toISOString()}">${escape(m.receivedAt.toISOString())}</time></dd></dl>
<h2>Text</h2><pre>${escape(m.text)}</pre>
<h2>HTML</h2>${frame}`);
}

const notFound = () => html(layout('Not found', '<h1>Not found</h1><p>No such email in the sandbox mailbox.</p>'), 404);

/** The page's request handler; `mailbox` is read per request (null when SMTP_URL sends elsewhere). */
export function createMailboxPage(mailbox: () => Mailbox | null): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const box = mailbox();
    if (url.pathname === `${MAILBOX_PATH}/clear`) {
      if (request.method !== 'POST') return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } });
      if (!isSameOrigin(request)) return new Response('Forbidden', { status: 403 });
      box?.clear();
      return new Response(null, { status: 303, headers: { Location: MAILBOX_PATH } });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    const query = ListQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return new Response('Bad Request', { status: 400 });
    const messages = box?.list(query.data) ?? [];
    if (url.pathname === `${MAILBOX_PATH}.json` || (url.pathname === MAILBOX_PATH && url.searchParams.get('format') === 'json')) {
      return Response.json({ running: box !== null, messages: messages.map(toJson) }, { headers: { 'Cache-Control': 'no-store' } });
    }
    if (url.pathname === MAILBOX_PATH || url.pathname === `${MAILBOX_PATH}/`) return html(listPage(messages, box !== null));
    const id = url.pathname.slice(MAILBOX_PATH.length + 1);
    const message = z.uuid().safeParse(id).success ? box?.get(id) : null;
    return message ? html(messagePage(message)) : notFound();
  };
}
