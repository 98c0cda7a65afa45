import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  basicAuth, createTestClock, startGorgiasEmulator, type RunningGorgiasEmulator,
} from '~/sandbox/gorgias/emulator-harness.test-helpers';

const START = '2026-11-21T14:42:00.384Z';
const LIMIT = 'x-gorgias-account-api-call-limit';
const time = createTestClock(START);
let gorgias: RunningGorgiasEmulator;

beforeAll(async () => {
  gorgias = await startGorgiasEmulator({ clock: time.clock });
});
afterAll(() => gorgias.close());
// Every test starts from the seed with full buckets, so the 40-request budget is the test's own.
beforeEach(() => gorgias.emulator.reset());

const incoming = (email: string, text: string, extra: Record<string, unknown> = {}) => ({
  channel: 'api', via: 'api', from_agent: false, sender: { email }, body_text: text, ...extra,
});
const ticketBody = (email: string, externalId: string, extra: Record<string, unknown> = {}) => ({
  channel: 'api', via: 'api', from_agent: false, subject: `Return request ${externalId}`, external_id: externalId,
  customer: { email, name: 'Ann Lee' }, tags: [{ name: 'returns' }], meta: { portal: { order_name: '#1042' } },
  messages: [incoming(email, 'Item arrived broken.', { subject: `Return request ${externalId}` })], ...extra,
});
const note = (text: string, externalId: string) => ({
  channel: 'internal-note', via: 'api', from_agent: true, public: false, body_text: text, external_id: externalId,
});

describe('authentication and errors', () => {
  it('answers 401 in Gorgias’ error shape to a missing, wrong or malformed Basic header', async () => {
    for (const auth of ['', basicAuth('agent@comptoir-demo.example', 'wrong'), basicAuth('someone@else.example'), 'Bearer sandbox-gorgias-key']) {
      const reply = await gorgias.api('GET', '/api/tickets', undefined, auth);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error: { msg: expect.any(String) } });
    }
  });

  it('answers unknown resources with 404 and unknown params with 400', async () => {
    expect(await gorgias.api('GET', '/api/tickets/999')).toMatchObject({ status: 404, body: { error: { msg: 'Resource not found.' } } });
    expect((await gorgias.api('GET', '/api/macros')).status).toBe(404);
    expect((await gorgias.api('DELETE', '/api/customers/1')).status).toBe(405);
    expect((await gorgias.api('GET', '/api/tickets?status=open')).body).toMatchObject({ error: { data: { status: [expect.any(String)] } } });
  });
});

describe('customers', () => {
  it('creates a customer, finds it by email, and refuses a duplicate email with 409', async () => {
    const created = await gorgias.api('POST', '/api/customers', { email: 'ann@example.com', name: 'Ann Lee', data: { vip: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), email: 'ann@example.com', created_datetime: '2026-11-21T14:42:00.384000' });
    const duplicate = await gorgias.api('POST', '/api/customers', { email: 'ANN@example.com' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.msg).toEqual(expect.any(String));
    const found = await gorgias.api('GET', '/api/customers?email=ann@example.com');
    expect(found.body).toMatchObject({ object: 'list', uri: '/api/customers', data: [{ id: created.body.id }], meta: { prev_cursor: null, next_cursor: null } });
    const updated = await gorgias.api('PUT', `/api/customers/${created.body.id}`, { firstname: 'Ann' });
    expect(updated.body).toMatchObject({ firstname: 'Ann', name: 'Ann Lee' });
  });

  it('rejects an invalid body with 400 and the offending fields', async () => {
    const reply = await gorgias.api('POST', '/api/customers', { email: 'not-an-email' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ msg: 'Failed to create customer', data: { email: [expect.any(String)] } });
  });
});

describe('tickets', () => {
  it('creates a ticket with a nested customer made from the email, and returns it with messages', async () => {
    const created = await gorgias.api('POST', '/api/tickets', ticketBody('new@example.com', 'portal-req-1'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open', priority: 'normal', channel: 'api', via: 'api', external_id: 'portal-req-1',
      customer: { email: 'new@example.com', name: 'Ann Lee' }, tags: [{ name: 'returns' }],
      messages: [{ from_agent: false, public: true, sender: { email: 'new@example.com' }, body_text: 'Item arrived broken.' }],
    });
    const customers = await gorgias.api('GET', '/api/customers?email=new@example.com');
    expect(customers.body.data).toHaveLength(1);
    const fetched = await gorgias.api('GET', `/api/tickets/${created.body.id}`);
    expect(fetched.body.messages).toHaveLength(1);
  });

  it('filters by external_id and customer_id; list items omit messages', async () => {
    const a = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-a'));
    await gorgias.api('POST', '/api/tickets', ticketBody('b@example.com', 'req-b'));
    const byExternal = await gorgias.api('GET', '/api/tickets?external_id=req-a');
    expect(byExternal.body.data.map((t: any) => t.id)).toEqual([a.body.id]);
    expect(byExternal.body.data[0].messages).toBeUndefined();
    const byCustomer = await gorgias.api('GET', `/api/tickets?customer_id=${a.body.customer.id}&order_by=updated_datetime:asc`);
    expect(byCustomer.body.data).toHaveLength(1);
    expect((await gorgias.api('GET', '/api/tickets?external_id=nope')).body.data).toEqual([]);
  });

  it('updates status, priority, assignees and replaces tags on PUT', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-put'));
    const reply = await gorgias.api('PUT', `/api/tickets/${ticket.id}`, {
      status: 'closed', priority: 'high', assignee_user: { id: 1 }, assignee_team: { id: 2 }, tags: [{ name: 'refund' }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: 'closed', priority: 'high', closed_datetime: expect.any(String),
      assignee_user: { email: 'agent@comptoir-demo.example' }, assignee_team: { name: 'Returns' }, tags: [{ name: 'refund' }],
    });
    const urgent = await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { priority: 'urgent' });
    expect(urgent).toMatchObject({ status: 400, body: { error: { msg: 'Failed to update ticket', data: { priority: [expect.any(String)] } } } });
    expect((await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { assignee_team: { id: 99 } })).body).toEqual({
      error: { msg: 'Failed to update ticket', data: { 'assignee_team.id': ['Team not found.'] } },
    });
    expect((await gorgias.api('GET', `/api/tickets/${ticket.id}`)).body).toMatchObject({ priority: 'high', assignee_team: { id: 2 } });
    expect((await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { assignee_user: { id: null } })).body.assignee_user).toBeNull();
  });

  it('moves a ticket to another customer on PUT, by email (created if new) or by id, as an agent\'s "change customer" does', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-move'));
    const moved = await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { customer: { email: 'b@example.com' } });
    expect(moved).toMatchObject({ status: 200, body: { customer: { email: 'b@example.com' } } });
    expect(moved.body.customer.id).not.toBe(ticket.customer.id);
    expect((await gorgias.api('GET', `/api/tickets?customer_id=${ticket.customer.id}`)).body.data).toEqual([]);
    const back = await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { customer: { id: ticket.customer.id } });
    expect(back.body.customer).toMatchObject({ id: ticket.customer.id, email: 'a@example.com' });
    expect((await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { customer: { id: 999 } })).body).toEqual({
      error: { msg: 'Failed to update ticket', data: { 'customer.id': ['Customer not found.'] } },
    });
    expect((await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { customer: { name: 'Nobody' } })).status).toBe(400);
    expect((await gorgias.api('GET', `/api/tickets/${ticket.id}`)).body.customer.id).toBe(ticket.customer.id);
  });
});

describe('teams and email integrations', () => {
  it('lists the seeded teams and takes assignee_team and priority on create', async () => {
    const teams = await gorgias.api('GET', '/api/teams');
    expect(teams.body).toMatchObject({ object: 'list', uri: '/api/teams', meta: { next_cursor: null } });
    expect(teams.body.data.map((t: any) => [t.id, t.name]).sort()).toEqual([[1, 'Support'], [2, 'Returns'], [3, 'Returns review']]);
    expect((await gorgias.api('GET', '/api/teams/3')).body).toMatchObject({ id: 3, name: 'Returns review', uri: '/api/teams/3' });
    expect((await gorgias.api('GET', '/api/teams/42')).status).toBe(404);
    const created = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-team', { assignee_team: { id: 3 }, priority: 'critical' }));
    expect(created.body).toMatchObject({ priority: 'critical', assignee_team: { id: 3, name: 'Returns review' } });
    const refused = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-bad', { priority: 'urgent' }));
    expect(refused).toMatchObject({ status: 400, body: { error: { msg: 'Failed to create ticket', data: { priority: [expect.any(String)] } } } });
  });

  it('lists the email integration outgoing email must come from', async () => {
    const all = await gorgias.api('GET', '/api/integrations?type=email');
    expect(all.body.data).toEqual([expect.objectContaining({ id: 1, type: 'email', meta: { address: 'support@comptoir-demo.example' } })]);
    expect((await gorgias.api('GET', '/api/integrations?type=http')).body.data).toEqual([]);
  });
});

describe('messages', () => {
  it('appends an internal note with its external_id and pages through messages with cursors', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-m'));
    for (let i = 1; i <= 4; i += 1) {
      time.advance(1000);
      const reply = await gorgias.api('POST', `/api/tickets/${ticket.id}/messages`, note(`Loop RMA ${i} created`, `note-${i}`));
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ channel: 'internal-note', public: false, from_agent: true, external_id: `note-${i}`, sender: { email: 'agent@comptoir-demo.example' } });
    }
    const path = `/api/tickets/${ticket.id}/messages?limit=2&order_by=created_datetime:asc`;
    const first = await gorgias.api('GET', path);
    expect(first.body.data.map((m: any) => m.external_id)).toEqual([null, 'note-1']);
    expect(first.body.meta.prev_cursor).toBeNull();
    const second = await gorgias.api('GET', `${path}&cursor=${first.body.meta.next_cursor}`);
    expect(second.body.data.map((m: any) => m.external_id)).toEqual(['note-2', 'note-3']);
    const third = await gorgias.api('GET', `${path}&cursor=${second.body.meta.next_cursor}`);
    expect([third.body.data.map((m: any) => m.external_id), third.body.meta.next_cursor]).toEqual([['note-4'], null]);
    const back = await gorgias.api('GET', `${path}&cursor=${third.body.meta.prev_cursor}`);
    expect(back.body.data.map((m: any) => m.external_id)).toEqual(['note-2', 'note-3']);
    expect((await gorgias.api('GET', `/api/messages?ticket_id=${ticket.id}`)).body.data).toHaveLength(5);
  });

  it('bounds limit to 1..100 (default 30) and rejects a forged cursor', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-l'));
    for (const limit of ['0', '101', 'ten']) expect((await gorgias.api('GET', `/api/tickets/${ticket.id}/messages?limit=${limit}`)).status).toBe(400);
    expect((await gorgias.api('GET', `/api/tickets/${ticket.id}/messages?limit=100`)).status).toBe(200);
    expect((await gorgias.api('GET', `/api/tickets/${ticket.id}/messages?cursor=bogus`)).status).toBe(400);
  });
});

describe('tags', () => {
  it('adds tags by name (201, empty), lists them, replaces (202) and removes (204)', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-t'));
    const tagsPath = `/api/tickets/${ticket.id}/tags`;
    expect(await gorgias.api('POST', tagsPath, { names: ['portal', 'Returns'] })).toMatchObject({ status: 201, body: null });
    expect((await gorgias.api('GET', tagsPath)).body.data.map((t: any) => t.name)).toEqual(['returns', 'portal', 'Returns']);
    const all = await gorgias.api('GET', '/api/tags?order_by=created_datetime:asc');
    expect(all.body).toMatchObject({ object: 'list', uri: '/api/tags' });
    expect(all.body.data.map((t: any) => t.name)).toEqual(['returns', 'portal', 'Returns']);
    expect((await gorgias.api('PUT', tagsPath, { names: ['refund'] })).status).toBe(202);
    expect((await gorgias.api('DELETE', tagsPath, { names: ['refund'] })).status).toBe(204);
    expect((await gorgias.api('GET', `/api/tickets/${ticket.id}`)).body.tags).toEqual([]);
    expect((await gorgias.api('POST', tagsPath, {})).status).toBe(400);
  });
});

describe('upload', () => {
  const upload = (files: Array<[string, Blob]>) => {
    const form = new FormData();
    for (const [name, blob] of files) form.append(name, blob, name);
    return fetch(`${gorgias.url}/api/upload?type=attachment`, { method: 'POST', headers: { Authorization: basicAuth() }, body: form });
  };

  it('stores a multipart file, returns its descriptor, and serves it at the returned URL', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const response = await upload([['photo.png', new Blob([png], { type: 'image/png' })]]);
    expect(response.status).toBe(201);
    const [file] = (await response.json()) as Array<{ url: string; name: string; size: string; content_type: string }>;
    expect(file).toMatchObject({ name: 'photo.png', size: '11', content_type: 'image/png' });
    expect(file!.url).toMatch(new RegExp(`^${gorgias.url}/__sandbox/gorgias/files/[a-z0-9]+$`));
    const served = await fetch(file!.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
  });

  it('answers 413 above 512 KiB and 400 without a file', async () => {
    const tooLarge = await upload([['big.jpg', new Blob([new Uint8Array(512 * 1024 + 1)], { type: 'image/jpeg' })]]);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: { msg: expect.stringContaining('too large') } });
    expect((await upload([])).status).toBe(400);
  });
});

describe('rate limit', () => {
  it('refuses the 41st request within 20 s with 429 and Retry-after, then lets it through as time passes', async () => {
    for (let i = 1; i <= 40; i += 1) {
      const reply = await gorgias.api('GET', '/api/tags');
      expect([reply.status, reply.headers.get(LIMIT)]).toEqual([200, `${i}/40`]);
    }
    const refused = await gorgias.api('GET', '/api/tags');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get(LIMIT)).toBe('40/40');
    expect(refused.body).toEqual({ error: { msg: expect.any(String) } });
    time.advance(1000);
    const again = await gorgias.api('GET', '/api/tags');
    expect([again.status, again.headers.get(LIMIT)]).toEqual([200, '39/40']);
  });
});

describe('fault controls', () => {
  it('fails every API request with a 5xx at errorRate 1, and not the controls', async () => {
    expect((await gorgias.control('faults', { errorRate: 1 })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await gorgias.api('GET', '/api/tickets')).status);
    expect(statuses).toEqual([500, 502, 503]);
    expect((await gorgias.control('state')).status).toBe(200);
    await gorgias.control('faults', {});
    expect((await gorgias.api('GET', '/api/tickets')).status).toBe(200);
  });

  it('storms the next N requests with 429, then recovers', async () => {
    await gorgias.control('faults', { storm429: 2 });
    for (let i = 0; i < 2; i += 1) {
      const reply = await gorgias.api('GET', '/api/tickets');
      expect([reply.status, reply.headers.get('retry-after')]).toEqual([429, '1']);
    }
    expect((await gorgias.api('GET', '/api/tickets')).status).toBe(200);
    await gorgias.control('faults', { storm429: 5 });
    expect((await gorgias.control('reset', {})).body).toEqual({ ok: true });
    expect((await gorgias.api('GET', '/api/tickets')).status).toBe(200);
  });

  it('is down for a while on the emulator clock, then back', async () => {
    await gorgias.control('faults', { downForSeconds: 30 });
    const down = await gorgias.api('GET', '/api/tickets');
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '30']);
    time.advance(30_000);
    expect((await gorgias.api('GET', '/api/tickets')).status).toBe(200);
    expect((await gorgias.control('faults', { errorRate: 2 })).status).toBe(400);
  });
});

describe('state and agent view', () => {
  it('shows side effects in state and renders the ticket as an agent reads it', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('ann@example.com', 'req-v', {
      messages: [incoming('ann@example.com', 'Broken <b>mug</b>', { attachments: [{ url: 'http://127.0.0.1/p.png', name: 'p.png', content_type: 'image/png' }] })],
    }));
    await gorgias.api('POST', `/api/tickets/${ticket.id}/messages`, note('Loop RMA 1673 created', 'note-1673'));
    await gorgias.api('POST', `/api/tickets/${ticket.id}/messages`, {
      channel: 'email', via: 'api', from_agent: true, public: true, receiver: { email: 'ann@example.com' }, integration_id: 1, body_text: 'We have your request.',
      source: { type: 'email', from: { address: 'support@comptoir-demo.example' }, to: [{ address: 'ann@example.com' }] }, external_id: 'reply-1',
    });
    await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { assignee_team: { id: 2 }, priority: 'high' });
    const state = (await gorgias.control('state')).body;
    expect(state.tickets).toHaveLength(1);
    expect(state.tickets[0].messages.filter((m: any) => m.external_id === 'note-1673')).toHaveLength(1);

    const list = await (await fetch(`${gorgias.url}/__sandbox/gorgias/tickets`)).text();
    expect(list).toMatch(/<html lang="en">/);
    expect(list).toContain('<th scope="col">Last update</th>');
    expect(list).toMatch(/<td>high<\/td><td>Returns<\/td>/);
    expect(list).toContain(`href="/__sandbox/gorgias/tickets/${ticket.id}">Return request req-v</a>`);
    const response = await fetch(`${gorgias.url}/__sandbox/gorgias/tickets/${ticket.id}`);
    const page = await response.text();
    expect(response.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(page).toMatch(/<title>Return request req-v[^<]*<\/title>/);
    expect(page).toContain('<h1>Return request req-v</h1>');
    expect(page).toContain('<article class="note"><h3><span class="badge">Internal note</span>');
    expect(page).toContain('<article class="reply"><h3><span class="badge">Public reply</span> by agent to ann@example.com, from support@comptoir-demo.example</h3>');
    expect(page).toContain('Broken &lt;b&gt;mug&lt;/b&gt;');
    expect(page).toContain('<a href="http://127.0.0.1/p.png">p.png</a>');
    expect(page).toMatch(/Returns.*high|high.*Returns/s);
    expect(page).not.toMatch(/<(script|img)|style=/);
    expect((await fetch(`${gorgias.url}/__sandbox/gorgias/agent.css`)).headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${gorgias.url}/__sandbox/gorgias/tickets/999`)).status).toBe(404);
  });
});
