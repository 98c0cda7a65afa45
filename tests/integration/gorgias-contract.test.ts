import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGorgiasClient, type GorgiasClientConfig } from '~/integrations/gorgias/client.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createGorgiasEmulator } from '~/sandbox/gorgias/emulator.server';
import { isUpstreamError, type UpstreamError } from '~/utils/upstream-error';

/**
 * Contract: every method of the real Gorgias client against the Gorgias emulator over HTTP. Both
 * were written from the same fact sheet; a disagreement here is a bug in one of them.
 */
const ACCOUNT = { email: 'bot@contract-store.example', apiKey: 'contract-key' };
let now = Date.parse('2026-03-01T10:00:00Z');
const emulator = createGorgiasEmulator({
  clock: () => new Date(now), accounts: [ACCOUNT], bucket: { capacity: 4, windowSeconds: 2 },
  seed: { customers: [{ email: 'seeded@example.com', name: 'Seeded Shopper' }], emailIntegrations: [{ name: 'Store support', address: 'support@contract-store.example' }] },
});
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(toNodeHandler((request) => emulator.handle(request)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  emulator.reset();
  now += 60_000; // a fresh bucket for each test
});

const waits: number[] = [];
// The client's waits move the emulator's clock, so its bucket drains while the client "sleeps".
const client = (over: Partial<GorgiasClientConfig> = {}) =>
  createGorgiasClient({ baseUrl, ...ACCOUNT, clock: () => now, sleep: async (ms) => { waits.push(ms); now += ms; }, rateLimitWindowMs: 2_000, ...over });
const failure = async (work: Promise<unknown>): Promise<UpstreamError> => {
  const error = await work.then(() => null, (e: unknown) => e);
  if (!isUpstreamError(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
};
const newTicket = (gorgias = client(), externalId = 'portal-req-1') =>
  gorgias.createTicket({ externalId, subject: 'Return request for #1042', customer: { email: 'ann@example.com', name: 'Ann Lee' },
    messages: [{ bodyText: 'Item arrived broken.' }], tags: ['returns'], meta: { portal: { caseId: 'c1' } } });

describe('Gorgias client ↔ emulator contract', () => {
  it('finds and creates customers; a taken email is a CONFLICT', async () => {
    const gorgias = client();
    expect(await gorgias.findCustomerByEmail('seeded@example.com')).toMatchObject({ email: 'seeded@example.com', name: 'Seeded Shopper' });
    expect(await gorgias.findCustomerByEmail('nobody@example.com')).toBeNull();
    const created = await gorgias.createCustomer({ email: 'new@example.com', name: 'New Shopper', language: 'fr' });
    expect(created).toMatchObject({ email: 'new@example.com', name: 'New Shopper' });
    expect(await gorgias.findCustomerByEmail('new@example.com')).toMatchObject({ id: created.id });
    expect(await failure(gorgias.createCustomer({ email: 'new@example.com', name: 'Again' }))).toMatchObject({ status: 409, code: 'CONFLICT', retryable: false });
  });

  it('creates, reads, finds by external id, lists by customer and updates a ticket', async () => {
    const gorgias = client();
    const ticket = await newTicket(gorgias);
    expect(ticket).toMatchObject({ externalId: 'portal-req-1', status: 'open', channel: 'api', via: 'api', tags: ['returns'] });
    expect(ticket.createdAt).toBeInstanceOf(Date);
    const read = await gorgias.getTicket(ticket.id);
    expect(read.messages).toMatchObject([{ fromAgent: false, channel: 'api', bodyText: 'Item arrived broken.', sender: { email: 'ann@example.com' } }]);
    expect((await gorgias.findTicketsByExternalId('portal-req-1')).map((t) => t.id)).toEqual([ticket.id]);
    expect(await gorgias.findTicketsByExternalId('portal-req-unknown')).toEqual([]);
    const page = await gorgias.listTicketsByCustomer(read.customer!.id!, { limit: 10 });
    expect(page.data.map((t) => t.id)).toEqual([ticket.id]);
    const updated = await gorgias.updateTicket(ticket.id, { status: 'closed', tags: ['returns', 'resolved'], priority: 'high', assigneeTeamId: 2 });
    expect(updated).toMatchObject({ status: 'closed', priority: 'high', tags: ['returns', 'resolved'], assigneeTeamId: 2 });
  });

  it('sets ticket custom fields on create and update; an unknown field or a wrong type is refused as INVALID_REQUEST', async () => {
    const gorgias = client();
    const input = { externalId: 'portal-req-cf', subject: 'Return request for #1042', customer: { email: 'ann@example.com' }, messages: [{ bodyText: 'Hello' }] };
    const ticket = await gorgias.createTicket({ ...input, customFields: [{ id: 1, value: 'C-CF000001' }] });
    expect(ticket.customFields).toEqual([{ id: 1, value: 'C-CF000001' }]);
    expect((await gorgias.updateTicket(ticket.id, { customFields: [{ id: 1, value: 'C-CF000002' }] })).customFields).toEqual([{ id: 1, value: 'C-CF000002' }]);
    expect(await failure(gorgias.createTicket({ ...input, externalId: 'portal-req-cf2', customFields: [{ id: 42, value: 'x' }] }))).toMatchObject({ status: 400, retryable: false });
    expect(await failure(gorgias.updateTicket(ticket.id, { customFields: [{ id: 1, value: 7 }] }))).toMatchObject({ status: 400, retryable: false });
    expect(await gorgias.findTicketsByExternalId('portal-req-cf2')).toEqual([]);
  });

  it('adds notes and public replies per the direction rules, tags, and lists messages', async () => {
    const gorgias = client();
    const { id } = await newTicket(gorgias);
    const file = await gorgias.uploadAttachment({ name: 'label.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4') });
    expect(file).toMatchObject({ name: 'label.pdf', contentType: 'application/pdf', size: 8 });
    const note = await gorgias.addInternalNote(id, { externalId: 'portal-note-1', bodyText: 'Loop RMA 1673 created', attachments: [file] });
    expect(note).toMatchObject({ channel: 'internal-note', public: false, fromAgent: true, sender: { email: ACCOUNT.email }, attachments: [{ url: file.url }] });
    const reply = await gorgias.addPublicReply(id, { externalId: 'portal-reply-1', bodyText: 'Your label', to: { email: 'ann@example.com' },
      emailIntegration: { id: 1, address: 'support@contract-store.example' } });
    expect(reply).toMatchObject({ channel: 'email', public: true, fromAgent: true, receiver: { email: 'ann@example.com' } });
    await gorgias.addTags(id, ['label-sent', 'needs-review']);
    expect((await gorgias.getTicket(id)).tags).toEqual(['returns', 'label-sent', 'needs-review']);
    await gorgias.removeTags(id, ['needs-review']);
    expect((await gorgias.getTicket(id)).tags).toEqual(['returns', 'label-sent']);
    const first = await gorgias.listMessages(id, { limit: 2 });
    expect(first.data).toHaveLength(2);
    const rest = await gorgias.listMessages(id, { limit: 2, cursor: first.nextCursor });
    expect([...first.data, ...rest.data].map((m) => m.externalId)).toEqual(expect.arrayContaining(['portal-note-1', 'portal-reply-1']));
    expect(first.data.length + rest.data.length).toBe(3);
  });

  it('reports 404, 401 and a 429 storm as the typed error', async () => {
    expect(await failure(client().getTicket(999_999))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await failure(client({ apiKey: 'wrong' }).getTicket(1))).toMatchObject({ status: 401, code: 'UNAUTHORIZED', retryable: false });
    await fetch(`${baseUrl}/__sandbox/gorgias/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ storm429: 1 }) });
    expect(await failure(client().getTicket(1))).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
  });

  it('waits for the bucket to drain instead of earning a 429', async () => {
    const gorgias = client();
    waits.length = 0;
    for (let i = 0; i < 6; i++) await gorgias.findCustomerByEmail('seeded@example.com');
    expect(waits.length).toBeGreaterThan(0);
  });
});
