import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Helpdesk } from '~/helpdesk/ports';
import { createGorgiasClient } from '~/integrations/gorgias/client.server';
import { createGorgiasHelpdesk } from '~/integrations/gorgias/helpdesk.server';
import { createTestClock, SANDBOX_ACCOUNT, startGorgiasEmulator, type RunningGorgiasEmulator } from '~/sandbox/gorgias/emulator-harness.test-helpers';

/**
 * The Helpdesk port as Gorgias implements it, against the Gorgias emulator over HTTP: what the
 * case sync asks in its own words lands on the ticket as an agent would see it in Gorgias.
 * The emulator's demo seed: team 3 is "Returns review", email integration 1, ticket field 1.
 */
let emulator: RunningGorgiasEmulator;
let helpdesk: Helpdesk;
const time = createTestClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  emulator = await startGorgiasEmulator({ clock: time.clock, bucket: { capacity: 1000, windowSeconds: 1 } });
  helpdesk = createGorgiasHelpdesk(createGorgiasClient({ baseUrl: emulator.url, email: SANDBOX_ACCOUNT.email, apiKey: SANDBOX_ACCOUNT.apiKey }));
});
afterAll(() => emulator?.close());
beforeEach(async () => {
  await emulator.control('reset', {});
  time.advance(60_000);
});

const ticketInState = async (id: number) => ((await emulator.control('state')).body.tickets as any[]).find((t) => t.id === id);
const open = (caseId: string, email = 'ann@example.com') => helpdesk.openTicket({
  caseId, subject: `Return ${caseId}`, customer: { email, name: 'Ann Lee' }, opening: { externalId: `${caseId}:opening`, bodyText: 'I would like to return this.' },
  tags: ['comptoir', 'return'], language: 'fr', fields: [{ id: 1, value: caseId }],
});

describe('the Gorgias helpdesk', () => {
  it('opens a case ticket that the case id finds again, for the right customer', async () => {
    const ticket = await open('C-HD000001');
    expect(ticket).toEqual({ id: expect.any(Number), customerEmail: 'ann@example.com', tags: ['comptoir', 'return'] });
    expect(await helpdesk.findCaseTickets('C-HD000001')).toEqual([ticket]);
    expect(await helpdesk.findCaseTickets('C-HD000404')).toEqual([]);
    expect(await helpdesk.getTicket(ticket.id)).toEqual(ticket);
    expect(await helpdesk.findCustomerId('ANN@example.com')).toEqual(expect.any(Number));
    expect(await helpdesk.findCustomerId('nobody@example.com')).toBeNull();
    const stored = await ticketInState(ticket.id);
    expect(stored).toMatchObject({ external_id: 'C-HD000001', language: 'fr', channel: 'api' });
    expect(stored.messages[0]).toMatchObject({ external_id: 'C-HD000001:opening', from_agent: false });
  });

  it('answers null for a ticket Gorgias does not have, rather than an error', async () => {
    expect(await helpdesk.getTicket(987_654)).toBeNull();
  });

  it('notes, replies and files all carry their external ids, listed across pages', async () => {
    const ticket = await open('C-HD000002');
    const file = await helpdesk.attachFile({ name: 'photo.png', contentType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) });
    expect(file).toMatchObject({ name: 'photo.png', contentType: 'image/png' });
    for (let i = 1; i <= 3; i++) await helpdesk.addNote(ticket.id, { externalId: `C-HD000002:e${i}`, bodyText: `Event ${i}`, attachments: i === 1 ? [file] : [] });
    await helpdesk.reply(ticket.id, {
      externalId: 'C-HD000002:reply', subject: 'We have your request', bodyText: 'Hello Ann', to: { email: 'ann@example.com' },
      from: { id: 1, address: 'support@comptoir-demo.example' },
    });
    expect([...(await helpdesk.listMessageIds(ticket.id))].sort()).toEqual(['C-HD000002:e1', 'C-HD000002:e2', 'C-HD000002:e3', 'C-HD000002:opening', 'C-HD000002:reply']);
    const messages = (await ticketInState(ticket.id)).messages as any[];
    expect(messages.find((m) => m.external_id === 'C-HD000002:e1')).toMatchObject({ channel: 'internal-note', attachments: [expect.objectContaining({ name: 'photo.png' })] });
    expect(messages.find((m) => m.external_id === 'C-HD000002:reply')).toMatchObject({ from_agent: true, public: true });
  });

  it('adds and removes only the tags named, and routes to a team and a priority', async () => {
    const ticket = await open('C-HD000003');
    await helpdesk.addTags(ticket.id, ['needs-review']);
    await helpdesk.removeTags(ticket.id, ['return']);
    expect((await helpdesk.getTicket(ticket.id))!.tags).toEqual(['comptoir', 'needs-review']);
    await helpdesk.route(ticket.id, { priority: 'high' });
    expect(await ticketInState(ticket.id)).toMatchObject({ priority: 'high', assignee_team: null });
    await helpdesk.route(ticket.id, { teamId: 3 });
    expect(await ticketInState(ticket.id)).toMatchObject({ priority: 'high', assignee_team: { id: 3 } });
  });

  it("lists a customer's tickets, newest first, and none for an email Gorgias does not know", async () => {
    const first = await open('C-HD000004', 'lea@example.com');
    time.advance(1_000);
    const second = await open('C-HD000005', 'lea@example.com');
    await open('C-HD000006', 'other@example.com');
    expect((await helpdesk.listCustomerTickets('lea@example.com')).map((t) => t.id)).toEqual([second.id, first.id]);
    expect(await helpdesk.listCustomerTickets('nobody@example.com')).toEqual([]);
  });
});
