import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGorgiasClient } from './client.server';
import { startFakeGorgias } from './fake-http.test-helper';

/** The client's wire format against canned replies shaped as Gorgias documents them. */
let fake: Awaited<ReturnType<typeof startFakeGorgias>>;
beforeAll(async () => { fake = await startFakeGorgias(); });
afterAll(() => fake.close());

const client = () => createGorgiasClient({ baseUrl: fake.baseUrl, email: 'bot@store.com', apiKey: 'k3y' });
const limit = { 'X-Gorgias-Account-Api-Call-Limit': '3/40' };
const wireTicket = (over: Record<string, unknown> = {}) => ({
  id: 77, uri: '/api/tickets/77/', external_id: 'portal-req-7f3a', status: 'open', priority: 'normal', channel: 'api', via: 'api',
  from_agent: false, subject: 'Return request for #1042', language: 'en', customer: { id: 9, email: 'ann@example.com', name: 'Ann Lee' },
  assignee_user: null, assignee_team: null, tags: [{ id: 1, name: 'returns' }], meta: { portal: { order_name: '#1042' } },
  created_datetime: '2019-07-05T14:42:00.384938', updated_datetime: '2019-07-05T14:43:00+00:00', closed_datetime: null, ...over,
});
const list = (data: unknown[], next: string | null = null) => ({ object: 'list', uri: '/api/tickets', data, meta: { prev_cursor: null, next_cursor: next } });

describe('Gorgias client on the wire', () => {
  it('sends HTTP Basic auth and finds a customer by email', async () => {
    fake.reply([{ status: 200, headers: limit, json: list([{ id: 9, email: 'ann@example.com', name: 'Ann Lee', created_datetime: '2024-01-02T03:04:05' }]) }]);
    const customer = await client().findCustomerByEmail('ann@example.com');
    const [req] = fake.requests;
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from('bot@store.com:k3y').toString('base64')}`);
    expect(req!.url.pathname).toBe('/api/customers');
    expect(req!.url.searchParams.get('email')).toBe('ann@example.com');
    expect(customer).toMatchObject({ id: 9, email: 'ann@example.com', createdAt: new Date('2024-01-02T03:04:05Z') });
  });

  it('returns null when no customer has that email', async () => {
    fake.reply([{ status: 200, json: list([]) }]);
    expect(await client().findCustomerByEmail('nobody@example.com')).toBeNull();
  });

  it('creates a ticket on channel and via api, from the customer, with our external id', async () => {
    fake.reply([{ status: 201, json: wireTicket() }]);
    const ticket = await client().createTicket({
      externalId: 'portal-req-7f3a', subject: 'Return request for #1042', customer: { email: 'ann@example.com', name: 'Ann Lee' },
      messages: [{ bodyText: 'Item arrived broken.', bodyHtml: '<p>Item arrived broken.</p>', attachments: [{ url: 'https://cdn.example/p.png', name: 'p.png', contentType: 'image/png' }] }],
      tags: ['returns'], priority: 'high', assigneeTeamId: 4, meta: { portal: { order_name: '#1042' } },
    });
    expect(fake.requests[0]!.method).toBe('POST');
    expect(fake.requests[0]!.headers['content-type']).toBe('application/json');
    expect(fake.jsonBody()).toEqual({
      channel: 'api', via: 'api', from_agent: false, external_id: 'portal-req-7f3a', subject: 'Return request for #1042',
      customer: { email: 'ann@example.com', name: 'Ann Lee' }, tags: [{ name: 'returns' }], priority: 'high', assignee_team: { id: 4 },
      meta: { portal: { order_name: '#1042' } },
      messages: [{ channel: 'api', via: 'api', from_agent: false, sender: { email: 'ann@example.com' }, subject: 'Return request for #1042',
        body_text: 'Item arrived broken.', body_html: '<p>Item arrived broken.</p>',
        attachments: [{ url: 'https://cdn.example/p.png', name: 'p.png', content_type: 'image/png' }] }],
    });
    expect(ticket).toMatchObject({ id: 77, externalId: 'portal-req-7f3a', tags: ['returns'], customer: { id: 9 } });
  });

  it('reads timestamps with and without an offset as UTC', async () => {
    fake.reply([{ status: 200, json: wireTicket({ closed_datetime: '2019-07-06T10:00:00Z' }) }]);
    const ticket = await client().getTicket(77);
    expect(fake.requests[0]!.url.pathname).toBe('/api/tickets/77');
    expect(ticket.createdAt?.toISOString()).toBe('2019-07-05T14:42:00.384Z');
    expect(ticket.updatedAt?.toISOString()).toBe('2019-07-05T14:43:00.000Z');
    expect(ticket.closedAt?.toISOString()).toBe('2019-07-06T10:00:00.000Z');
  });

  it('updates only the fields given, tags as a whole list, null to unassign', async () => {
    fake.reply([{ status: 200, json: wireTicket({ status: 'closed' }) }]);
    const ticket = await client().updateTicket(77, { status: 'closed', tags: ['returns', 'done'], assigneeTeamId: null });
    expect(fake.requests[0]!.method).toBe('PUT');
    expect(fake.jsonBody()).toEqual({ status: 'closed', tags: [{ name: 'returns' }, { name: 'done' }], assignee_team: { id: null } });
    expect(ticket.status).toBe('closed');
  });

  it('follows next_cursor when searching by external id, and stops at the bound', async () => {
    fake.reply((req) => {
      const cursor = req.url.searchParams.get('cursor');
      return { status: 200, json: list([wireTicket({ id: cursor ? Number(cursor) : 1 })], String((cursor ? Number(cursor) : 1) + 1)) };
    });
    const found = await client().findTicketsByExternalId('portal-req-7f3a', { maxPages: 3 });
    expect(found.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(fake.requests.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, '2', '3']);
    expect(fake.requests[0]!.url.searchParams.get('external_id')).toBe('portal-req-7f3a');

    fake.reply([{ status: 200, json: list([wireTicket()], 'abc') }, { status: 200, json: list([], null) }]);
    expect(await client().findTicketsByExternalId('portal-req-7f3a')).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('lists a customer’s tickets and a ticket’s messages by cursor', async () => {
    fake.reply([{ status: 200, json: list([wireTicket()], 'n1') }]);
    const page = await client().listTicketsByCustomer(9, { limit: 500, cursor: 'c0' });
    expect(Object.fromEntries(fake.requests[0]!.url.searchParams)).toEqual({ customer_id: '9', limit: '100', cursor: 'c0', order_by: 'created_datetime:desc' });
    expect(page).toMatchObject({ nextCursor: 'n1', prevCursor: null, data: [{ id: 77 }] });

    fake.reply([{ status: 200, json: list([{ id: 5, ticket_id: 77, channel: 'internal-note', via: 'api', from_agent: true, public: false,
      sender: { id: 2, email: 'bot@store.com' }, body_text: 'hi', attachments: [], created_datetime: '2024-05-01T09:00:00.123456+00:00' }]) }]);
    const messages = await client().listMessages(77, { limit: 10 });
    expect(fake.requests[0]!.url.pathname).toBe('/api/messages');
    expect(fake.requests[0]!.url.searchParams.get('ticket_id')).toBe('77');
    expect(messages.data[0]).toMatchObject({ id: 5, public: false, fromAgent: true, createdAt: new Date('2024-05-01T09:00:00.123Z') });
  });

  it('adds an internal note as the key’s user: outgoing, not public', async () => {
    fake.reply([{ status: 201, json: { id: 6, ticket_id: 77, channel: 'internal-note', via: 'api', from_agent: true, public: false,
      sender: { id: 2, email: 'bot@store.com' }, receiver: null, body_text: 'Loop RMA 1673 created', created_datetime: '2024-05-01T09:00:00' } }]);
    const note = await client().addInternalNote(77, { externalId: 'portal-note-1673-created', bodyText: 'Loop RMA 1673 created', bodyHtml: '<p>Loop RMA 1673 created</p>' });
    expect(fake.requests[0]!.url.pathname).toBe('/api/tickets/77/messages');
    expect(fake.jsonBody()).toEqual({ channel: 'internal-note', via: 'api', from_agent: true, public: false, sender: { email: 'bot@store.com' },
      external_id: 'portal-note-1673-created', body_text: 'Loop RMA 1673 created', body_html: '<p>Loop RMA 1673 created</p>' });
    expect(note).toMatchObject({ id: 6, channel: 'internal-note', public: false, sentAt: null });
  });

  it('sends a public reply as an outgoing email to the customer from the integration address', async () => {
    fake.reply([{ status: 201, json: { id: 8, ticket_id: 77, channel: 'email', via: 'api', from_agent: true, public: true,
      sender: { email: 'bot@store.com' }, receiver: { email: 'ann@example.com' }, body_text: 'Label attached', created_datetime: '2024-05-01T09:00:00' } }]);
    await client().addPublicReply(77, { externalId: 'portal-reply-1', bodyText: 'Label attached', to: { email: 'ann@example.com' },
      emailIntegration: { id: 31, address: 'support@store.com' } });
    expect(fake.jsonBody()).toMatchObject({ channel: 'email', via: 'api', from_agent: true, public: true, sender: { email: 'bot@store.com' },
      receiver: { email: 'ann@example.com' }, integration_id: 31,
      source: { type: 'email', from: { address: 'support@store.com' }, to: [{ address: 'ann@example.com' }] } });
  });

  it('adds tags by name and accepts the empty 201', async () => {
    fake.reply([{ status: 201, text: '' }]);
    await expect(client().addTags(77, ['returns', 'Damaged'])).resolves.toBeUndefined();
    expect(fake.requests[0]!.url.pathname).toBe('/api/tickets/77/tags');
    expect(fake.jsonBody()).toEqual({ names: ['returns', 'Damaged'] });
  });

  it('removes tags by name with DELETE and accepts the empty 204; an empty list never leaves', async () => {
    fake.reply([{ status: 204, text: '' }]);
    await expect(client().removeTags(77, ['needs-review'])).resolves.toBeUndefined();
    expect([fake.requests[0]!.method, fake.requests[0]!.url.pathname]).toEqual(['DELETE', '/api/tickets/77/tags']);
    expect(fake.jsonBody()).toEqual({ names: ['needs-review'] });
    await expect(client().removeTags(77, [])).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(fake.requests).toHaveLength(1);
  });

  it('uploads one multipart part and reads the size whether a string or a number', async () => {
    fake.reply([{ status: 201, json: [{ content_type: 'image/png', name: 'p.png', size: '4', url: 'https://uploads.example/p.png' }] }]);
    const file = await client().uploadAttachment({ name: 'p.png', contentType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) });
    const req = fake.requests[0]!;
    expect(req.url.pathname).toBe('/api/upload');
    expect(req.url.searchParams.get('type')).toBe('attachment');
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request('http://x', { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body: new Uint8Array(req.body) }).formData();
    const part = form.get('p.png') as File;
    expect([part.name, part.type, [...new Uint8Array(await part.arrayBuffer())]]).toEqual(['p.png', 'image/png', [137, 80, 78, 71]]);
    expect(file).toEqual({ url: 'https://uploads.example/p.png', name: 'p.png', size: 4, contentType: 'image/png' });

    fake.reply([{ status: 201, json: [{ content_type: 'image/png', name: 'p.png', size: 784554, url: 'https://uploads.example/p.png' }] }]);
    expect((await client().uploadAttachment({ name: 'p.png', contentType: 'image/png', bytes: new Uint8Array([1]) })).size).toBe(784554);
  });
});
