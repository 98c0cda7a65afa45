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

  it('requires messages, via, and the direction rules', async () => {
    const noMessages = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'x', { messages: [] }));
    expect(noMessages.body).toMatchObject({ error: { msg: 'Failed to create ticket', data: { messages: [expect.any(String)] } } });
    const { via: _via, ...noVia } = ticketBody('a@example.com', 'x');
    expect((await gorgias.api('POST', '/api/tickets', noVia)).body.error.data).toEqual({ via: ['Missing data for required field.'] });
    const noSender = ticketBody('a@example.com', 'x', { messages: [{ channel: 'api', via: 'api', from_agent: false, body_text: 'hi' }] });
    expect((await gorgias.api('POST', '/api/tickets', noSender)).body.error.data).toEqual({ 'messages.0.sender': ['Missing data for required field.'] });
    expect((await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'x'.repeat(256)))).status).toBe(400);
    expect((await gorgias.control('state')).body.tickets).toEqual([]);
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
    expect((await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { priority: 'urgent' })).status).toBe(400);
    expect((await gorgias.api('PUT', `/api/tickets/${ticket.id}`, { assignee_user: { id: null } })).body.assignee_user).toBeNull();
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

  it('enforces direction rules: public notes, incoming with receiver, outgoing without receiver', async () => {
    const { body: ticket } = await gorgias.api('POST', '/api/tickets', ticketBody('a@example.com', 'req-d'));
    const post = (body: unknown) => gorgias.api('POST', `/api/tickets/${ticket.id}/messages`, body);
    expect((await post({ ...note('x', 'n'), public: true })).body.error.data).toHaveProperty('public');
    expect((await post({ ...note('x', 'n'), from_agent: false, sender: { email: 'a@example.com' } })).status).toBe(400);
    expect((await post(incoming('a@example.com', 'hi', { receiver: { email: 'x@example.com' } }))).body.error.data).toHaveProperty('receiver');
    expect((await post(incoming('stranger@example.com', 'hi'))).body.error.data).toHaveProperty('sender');
    expect((await post({ channel: 'email', via: 'api', from_agent: true, body_text: 'Hello' })).body.error.data).toHaveProperty('receiver');
    const reply = await post({ channel: 'email', via: 'api', from_agent: true, receiver: { email: 'a@example.com' }, body_text: 'Hello' });
    expect(reply.body).toMatchObject({ public: true, receiver: { email: 'a@example.com' }, sent_datetime: expect.any(String) });
    expect((await gorgias.api('POST', '/api/tickets/999/messages', note('x', 'n'))).status).toBe(404);
  });
});
