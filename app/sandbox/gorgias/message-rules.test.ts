import { describe, expect, it } from 'vitest';
import { createGorgiasEmulator } from './emulator.server';
import { basicAuth } from './emulator-harness.test-helpers';

// In process (no HTTP): these pin the validation rules; the HTTP boundary has its own integration test.
const emulator = createGorgiasEmulator({ clock: () => new Date('2026-11-21T10:00:00Z'), bucket: { capacity: 1000, windowSeconds: 20 } });
const call = async (method: string, path: string, body?: unknown) => {
  const response = await emulator.handle(new Request(`http://sandbox.test${path}`, {
    method, headers: { Authorization: basicAuth(), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  }));
  return { status: response.status, body: (await response.json()) as any };
};

const incoming = (email: string, extra: Record<string, unknown> = {}) => ({ channel: 'api', via: 'api', from_agent: false, sender: { email }, body_text: 'hi', ...extra });
const ticket = (extra: Record<string, unknown> = {}) => ({ via: 'api', customer: { email: 'a@example.com' }, messages: [incoming('a@example.com')], ...extra });
const note = { channel: 'internal-note', via: 'api', from_agent: true, body_text: 'RMA created' };

describe('ticket creation rules', () => {
  it('requires 1–500 messages, a top-level via, a sender on incoming messages and external_id ≤ 255', async () => {
    expect((await call('POST', '/api/tickets', ticket({ messages: [] }))).body).toMatchObject({ error: { msg: 'Failed to create ticket', data: { messages: [expect.any(String)] } } });
    expect((await call('POST', '/api/tickets', ticket({ via: undefined }))).body.error.data).toEqual({ via: ['Missing data for required field.'] });
    const noSender = ticket({ messages: [{ channel: 'api', via: 'api', from_agent: false, body_text: 'hi' }] });
    expect((await call('POST', '/api/tickets', noSender)).body.error.data).toEqual({ 'messages.0.sender': ['Missing data for required field.'] });
    expect((await call('POST', '/api/tickets', ticket({ external_id: 'x'.repeat(256) }))).status).toBe(400);
    expect((await call('POST', '/api/tickets', ticket({ channel: 'carrier-pigeon' }))).body.error.data).toHaveProperty('channel');
  });

  it('takes the customer from the first incoming sender when none is given, and leaves no ticket on a refused message', async () => {
    const made = await call('POST', '/api/tickets', { via: 'api', messages: [incoming('b@example.com')] });
    expect(made.body.customer.email).toBe('b@example.com');
    const refused = await call('POST', '/api/tickets', ticket({ messages: [incoming('a@example.com'), incoming('stranger@example.com')] }));
    expect(refused.status).toBe(400);
    expect((await call('GET', '/api/tickets')).body.data).toHaveLength(1);
  });
});

const email = {
  channel: 'email', via: 'api', from_agent: true, public: true, receiver: { email: 'a@example.com' }, integration_id: 1, body_text: 'Hello',
  source: { type: 'email', from: { address: 'support@comptoir-demo.example' }, to: [{ address: 'a@example.com' }] },
};

describe('message direction rules', () => {
  it('keeps internal notes outgoing and private, incoming without receiver, outgoing replies with one', async () => {
    const { body: t } = await call('POST', '/api/tickets', ticket());
    const post = (body: unknown) => call('POST', `/api/tickets/${t.id}/messages`, body);
    expect((await post({ ...note, public: true })).body.error.data).toHaveProperty('public');
    expect((await post({ ...note, from_agent: false, sender: { email: 'a@example.com' } })).body.error.data).toHaveProperty('from_agent');
    expect((await post(incoming('a@example.com', { receiver: { email: 'x@example.com' } }))).body.error.data).toHaveProperty('receiver');
    expect((await post(incoming('stranger@example.com'))).body.error.data).toHaveProperty('sender');
    expect((await post({ ...note, sender: { email: 'nobody@example.com' } })).body.error.data).toHaveProperty('sender');
    expect((await post({ channel: 'email', via: 'api', from_agent: true, body_text: 'Hello' })).body.error.data).toHaveProperty('receiver');
    const reply = await post({ ...email, receiver: { email: 'A@example.com' } });
    expect(reply.body).toMatchObject({ public: true, receiver: { email: 'a@example.com' }, sent_datetime: '2026-11-21T10:00:00.000000' });
    expect((await post({ ...note, attachments: [{ url: 'javascript:alert(1)', name: 'x', content_type: 'text/html' }] })).body.error.data).toHaveProperty(['attachments.0.url']);
    expect((await post({ ...note })).body).toMatchObject({ public: false, sender: { email: 'agent@comptoir-demo.example' } });
    expect((await call('POST', '/api/tickets/999/messages', note)).status).toBe(404);
  });
});

describe('outgoing public messages', () => {
  it('go to the ticket\'s customer, from a user, and an email from an address an email integration owns', async () => {
    const { body: t } = await call('POST', '/api/tickets', ticket());
    const post = (body: unknown) => call('POST', `/api/tickets/${t.id}/messages`, body);
    expect((await post({ ...email, receiver: { email: 'someone.else@example.com' } })).body).toMatchObject({
      error: { msg: 'Failed to create message', data: { receiver: ["Outgoing messages go to the ticket's customer."] } },
    });
    expect((await post({ ...email, sender: { email: 'a@example.com' } })).body.error.data).toHaveProperty('sender');
    expect((await post({ ...email, source: undefined })).body.error.data).toEqual({ 'source.from.address': ['Missing data for required field.'] });
    const stranger = { ...email.source, from: { address: 'noreply@elsewhere.example' } };
    expect((await post({ ...email, source: stranger })).body.error.data).toEqual({ 'source.from.address': ['No email integration sends from this address.'] });
    expect((await post({ ...email, integration_id: 7 })).body.error.data).toHaveProperty('integration_id');
    // Other outgoing channels need no email source, but still go to the customer.
    expect((await post({ channel: 'api', via: 'api', from_agent: true, receiver: { email: 'a@example.com' }, body_text: 'Hi' })).status).toBe(201);
    const sent = await post(email);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ channel: 'email', public: true, from_agent: true, integration_id: 1, source: { from: { address: 'support@comptoir-demo.example' } } });
  });
});
