import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadReturnStep, postReturnStep } from '~/cases/return/return-flow.server';
import { ReturnStepFormSchema } from '~/cases/return/return-form';
import { prepareReturn, type ReturnDeps } from '~/cases/return/return-request';
import { syncCaseToHelpdesk } from '~/helpdesk/sync-case.server';
import type { Helpdesk } from '~/helpdesk/ports';
import { normalizeEmail, parseOrderNumber } from '~/orders/identifiers';
import { hashIdentifier } from '~/session/hash.server';
import { mintShopperLink } from '~/session/mint-link.server';
import { readOrderLinkToken } from '~/session/order-link.server';
import { startHelpdeskHarness, type HelpdeskHarness } from './helpdesk-harness';

/**
 * A shopper who comes from an agent's link gets their case on that link's ticket: the chain below
 * the routes (POST /api/links, GET /l/:token, the return form), then the sync against the
 * Gorgias emulator.
 */
let h: HelpdeskHarness;
let returnDeps: ReturnDeps;
const SECRET = 's'.repeat(40);

beforeAll(async () => {
  h = await startHelpdeskHarness();
  returnDeps = { orders: h.orders, shopifyReturns: h.shopifyReturns, cases: h.cases, policy: h.policy, timeZone: 'Europe/Paris', hashId: (v) => `h:${v}`, helpdesk: true };
});
afterAll(() => h?.close());
beforeEach(async () => {
  await h.emulator.control('reset', {});
  h.time.advance(60_000);
});

/** Mints the link an agent would send for this ticket, opens it, and sends a one-unit return in that session. */
async function returnThroughLink(scenario: string, ticketId: number, language: 'en' | 'fr', beforeOpening?: (linkedTicketId: number | null) => Promise<unknown>) {
  const order = await h.orderOf(scenario);
  const mintDeps = { orders: h.orders, tickets: h.helpdesk, hashId: (value: string) => hashIdentifier(SECRET, value), secret: SECRET, ttlMs: 3_600_000 };
  const minted = await mintShopperLink(mintDeps, { orderNumber: parseOrderNumber(order.name)!, email: normalizeEmail(order.email!), ticketId, language }, new Date());
  if (!minted.ok) throw new Error('link not minted');
  await beforeOpening?.(minted.ticketId);
  const claims = readOrderLinkToken(minted.token, SECRET, new Date())!;
  const { token } = await h.sessions.create({ orderId: claims.orderId, orderName: claims.orderName, ticketId: claims.ticketId }, new Date());
  const session = (await h.sessions.get(token, new Date()))!;
  const prepared = (await prepareReturn(returnDeps, session.orderId, new Date()))!;
  const id = prepared.decision.lines.find((line) => line.decision === 'eligible')!.fulfillmentLineItemId;
  const deps = { ...returnDeps, catalog: h.catalog, photos: h.photos, drafts: h.returnDrafts };
  const shopper = { orderId: session.orderId, orderName: session.orderName, sessionId: session.id, language, ticketId: session.ticketId };
  await loadReturnStep(deps, shopper, null, new Date());
  let location = '';
  for (const form of [
    { step: 'items', lines: [{ id, selected: true, quantity: 1 }] },
    { step: 'why', lines: [{ id, reasonId: 'size-too-small', conditions: ['unworn', 'tags-attached', 'complete'].map((c) => `size-too-small:${c}`) }] },
    { step: 'refund', refundMethod: 'original_payment' },
    { step: 'review', intent: 'submit' },
  ]) {
    const next = await postReturnStep(deps, shopper, ReturnStepFormSchema.parse(form), new Date());
    location = 'location' in next ? next.location : 'gone';
  }
  const step = { caseId: /^\/cases\/(.+)$/.exec(location)?.[1] ?? '' };
  if (!step.caseId) throw new Error(`no case: ${location}`);
  return { caseId: step.caseId, order, linkedTicketId: minted.ticketId };
}

describe('a case opened from an agent\'s link', () => {
  it('posts its notes, tags and one public reply on that ticket, opens no other ticket and sends no opening message', async () => {
    const order = await h.orderOf('return-in-progress');
    const agent = await h.agentTicket(order.email!);
    const { caseId } = await returnThroughLink('return-in-progress', agent.id, 'fr');
    expect((await h.cases.getCase(caseId))!.providerRefs).toEqual({ gorgiasTicketId: agent.id });

    expect(await syncCaseToHelpdesk(h.deps, caseId)).toMatchObject({ status: 'synced', ticketId: agent.id, created: false, notesPosted: 1, replied: true });
    const { tickets } = await h.state();
    expect(tickets).toHaveLength(1);
    const ticket = tickets[0];
    expect(ticket.subject).toBe('Where is my parcel?');
    expect(ticket.messages.filter((m: any) => !m.from_agent).map((m: any) => m.body_text)).toEqual(['Hello, I need help with my order.']);
    const [note, ...moreNotes] = h.notesOf(ticket);
    expect(moreNotes).toEqual([]);
    expect(note.external_id).toMatch(new RegExp(`^${caseId}:event:\\d+$`));
    expect(note.body_text).toContain(`Return ${caseId} · order ${order.name}`);
    expect(h.tagsOf(ticket)).toEqual(['auto-approved', 'comptoir', 'return', 'size-too-small']);
    const [reply, ...moreReplies] = h.repliesOf(ticket);
    expect(moreReplies).toEqual([]);
    expect(reply).toMatchObject({ channel: 'email', external_id: `${caseId}:reply`, receiver: { email: order.email }, integration_id: 1 });
    expect(reply.body_text).toContain(`Notre équipe support a bien reçu votre demande de retour pour la commande ${order.name}. Sa référence est ${caseId}`);
    expect(reply.body_text).toContain(`https://portal.example/cases/${caseId}`);

    // A later event lands there too, and nothing is posted twice.
    await h.cases.transition(caseId, 'received', 'submitted_to_store', { at: h.time.clock(), type: 'submitted_to_store', actor: 'system', data: {} });
    expect(await syncCaseToHelpdesk(h.deps, caseId)).toMatchObject({ created: false, notesPosted: 1, replied: false });
    const again = await h.ticket(agent.id);
    expect([h.notesOf(again).length, h.repliesOf(again).length, (await h.state()).tickets.length]).toEqual([2, 1, 1]);
    expect(await h.eventTypes(caseId)).toEqual(['received', 'gorgias.ticket_from_link', 'gorgias.verdict_tagged', 'gorgias.reply_sent', 'submitted_to_store']);
  });

  it('falls back to a ticket of its own, opened as usual, when the link\'s ticket no longer exists', async () => {
    // Gorgias lost the ticket (deleted, or merged away) after the link was minted.
    const order = await h.orderOf('exchange-in-progress');
    const { id: caseId } = await h.openCase(order, { extra: { providerRefs: { gorgiasTicketId: 987_654 } } });
    expect(await syncCaseToHelpdesk(h.deps, caseId)).toMatchObject({ status: 'synced', created: true, notesPosted: 1, replied: true });
    const [ticket, ...others] = (await h.state()).tickets;
    expect(others).toEqual([]);
    expect(ticket).toMatchObject({ external_id: caseId, subject: `Return ${caseId} · order ${order.name}` });
    expect(ticket.messages.filter((m: any) => !m.from_agent).map((m: any) => m.external_id)).toEqual([`${caseId}:opened`]);
    expect((await h.cases.getCase(caseId))!.providerRefs.gorgiasTicketId).toBe(ticket.id);
    expect((await h.cases.listEvents(caseId)).find((e) => e.type === 'gorgias.ticket_linked')?.data).toEqual({ ticketId: ticket.id, replaces: 987_654 });
  });

  it('sends the public reply once even when the worker dies right after Gorgias took it', async () => {
    const order = await h.orderOf('delivered-recently', 1);
    const agent = await h.agentTicket(order.email!);
    const opened = await h.openCase(order, { extra: { providerRefs: { gorgiasTicketId: agent.id } } });
    const dying: Helpdesk = { ...h.helpdesk, reply: async (id, input) => { await h.helpdesk.reply(id, input); throw new Error('process died'); } };
    await expect(syncCaseToHelpdesk({ ...h.deps, helpdesk: dying }, opened.id)).rejects.toThrow('process died');
    expect(await syncCaseToHelpdesk(h.deps, opened.id)).toMatchObject({ notesPosted: 0, replied: false });
    expect(h.repliesOf(await h.ticket(agent.id))).toHaveLength(1);
    expect(await h.eventTypes(opened.id)).toContain('gorgias.reply_sent');
  });
});

describe('a link minted with a ticket that is not the order\'s customer\'s', () => {
  /** JSON log lines written while `run` runs, with logging on. */
  async function logsOf(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
    vi.stubEnv('COMPTOIR_LOG', '');
    const lines = vi.spyOn(console, 'log');
    try {
      await run();
      return lines.mock.calls.map(([text]) => JSON.parse(String(text)));
    } finally {
      lines.mockRestore();
      vi.unstubAllEnvs();
    }
  }

  /** What an agent would see of a ticket: its messages, tags, team and customer. */
  const snapshot = async (id: number) => {
    const ticket = await h.ticket(id);
    return { messages: ticket.messages.length, tags: h.tagsOf(ticket), team: ticket.assignee_team, customer: ticket.customer.email };
  };

  it('files the case on a ticket of its own, leaves the other customer\'s ticket untouched and sends them nothing', async () => {
    const other = await h.orderOf('in-transit');
    const foreign = await h.agentTicket(other.email!, 'My parcel is late');
    const before = await snapshot(foreign.id);
    let result!: Awaited<ReturnType<typeof returnThroughLink>>;
    const logs = await logsOf(async () => { result = await returnThroughLink('delivered-recently', foreign.id, 'en'); });
    const { caseId, order, linkedTicketId } = result;
    expect(linkedTicketId).toBeNull();
    expect((await h.cases.getCase(caseId))!.providerRefs).toEqual({});
    expect(await h.eventTypes(caseId)).not.toContain('gorgias.ticket_from_link');

    expect(await syncCaseToHelpdesk(h.deps, caseId)).toMatchObject({ status: 'synced', created: true, notesPosted: 1, replied: true });
    expect(await snapshot(foreign.id)).toEqual(before);
    const { tickets } = await h.state();
    expect(tickets).toHaveLength(2);
    const own = tickets.find((t) => t.id !== foreign.id);
    expect(own).toMatchObject({ external_id: caseId, customer: { email: order.email } });
    expect(h.repliesOf(own).map((reply: any) => reply.receiver.email)).toEqual([order.email]);
    const everyReply = tickets.flatMap((t) => h.repliesOf(t)).map((reply: any) => reply.receiver.email);
    expect(everyReply).not.toContain(other.email);

    // One line says the ticket was refused, with keyed hashes only.
    const refusals = logs.filter((line) => line['event'] === 'links.ticket_refused');
    expect(refusals).toEqual([expect.objectContaining({ level: 'warn', reason: 'other_customer', ticket: hashIdentifier(SECRET, `ticket:${foreign.id}`) })]);
    const text = JSON.stringify(refusals);
    for (const personal of [order.email!, other.email!, order.name, other.name, order.name.replace('#', '')]) expect(text).not.toContain(personal);
  });

  it('moves the case to a ticket of its own when the link\'s ticket changed customer after the link was sent', async () => {
    const other = await h.orderOf('out-for-delivery');
    const order = await h.orderOf('multi-item-variants');
    // The shopper wrote in with the address in capitals: still the order's customer, so the link keeps the ticket.
    const agent = await h.agentTicket(order.email!.toUpperCase());
    let logs: Array<Record<string, unknown>> = [];
    const { caseId, linkedTicketId } = await returnThroughLink('multi-item-variants', agent.id, 'fr', async () => {
      // Then an agent gives that ticket to another customer before the shopper opens the link.
      expect((await h.emulator.api('PUT', `/api/tickets/${agent.id}`, { customer: { email: other.email } })).status).toBe(200);
    });
    expect(linkedTicketId).toBe(agent.id);
    const before = await snapshot(agent.id);
    expect(before.customer).toBe(other.email);

    logs = await logsOf(async () => expect(await syncCaseToHelpdesk(h.deps, caseId)).toMatchObject({ status: 'synced', created: true, replied: true }));
    expect(await snapshot(agent.id)).toEqual(before);
    const own = (await h.state()).tickets.find((t) => t.id !== agent.id);
    // Filed for the Gorgias customer the shopper already is, whose address Gorgias keeps as typed.
    expect(own).toMatchObject({ external_id: caseId, customer: { email: order.email!.toUpperCase() } });
    expect(h.repliesOf(own).map((reply: any) => reply.receiver.email)).toEqual([order.email!.toUpperCase()]);
    expect((await h.cases.listEvents(caseId)).find((e) => e.type === 'gorgias.ticket_linked')?.data).toEqual({ ticketId: own.id, replaces: agent.id });
    const refusals = logs.filter((line) => line['event'] === 'helpdesk.ticket_refused');
    expect(refusals).toEqual([expect.objectContaining({ level: 'warn', reason: 'other_customer', caseId })]);
    expect(refusals[0]).toMatchObject({ ticket: expect.stringMatching(/^[0-9a-f]{32}$/), order: expect.stringMatching(/^[0-9a-f]{32}$/) });
    for (const personal of [order.email!, other.email!, order.name, order.name.replace('#', '')]) expect(JSON.stringify(refusals)).not.toContain(personal);
  });

  it('posts nothing more on a case\'s ticket once an agent gives it to another customer', async () => {
    const order = await h.orderOf('delivered-recently', 1);
    const other = await h.orderOf('out-for-delivery');
    const agent = await h.agentTicket(order.email!);
    const opened = await h.openCase(order, { extra: { providerRefs: { gorgiasTicketId: agent.id } } });
    expect(await syncCaseToHelpdesk(h.deps, opened.id)).toMatchObject({ ticketId: agent.id, notesPosted: 1, replied: true });
    const put = await h.emulator.api('PUT', `/api/tickets/${agent.id}`, { customer: { email: other.email } });
    expect(put.body.customer.email, JSON.stringify(put.body)).toBe(other.email);
    const before = await snapshot(agent.id);

    await h.cases.transition(opened.id, 'received', 'submitted_to_store', { at: h.time.clock(), type: 'submitted_to_store', actor: 'system', data: {} });
    const moved = await syncCaseToHelpdesk(h.deps, opened.id);
    expect(moved).toMatchObject({ status: 'synced', created: true, notesPosted: 2, replied: false });
    expect(await snapshot(agent.id)).toEqual(before);
    const own = await h.ticket((moved as { ticketId: number }).ticketId);
    expect(own.customer.email).toBe(order.email);
    expect(h.repliesOf(own)).toEqual([]);
  });

  it('drops the ticket when no helpdesk is connected to check it against', async () => {
    const order = await h.orderOf('in-transit');
    const deps = { orders: h.orders, tickets: null, hashId: (value: string) => hashIdentifier(SECRET, value), secret: SECRET, ttlMs: 60_000 };
    const minted = await mintShopperLink(deps, { orderNumber: parseOrderNumber(order.name)!, email: normalizeEmail(order.email!), ticketId: 7, language: null }, new Date());
    expect(minted).toMatchObject({ ok: true, ticketId: null });
    expect(readOrderLinkToken((minted as { token: string }).token, SECRET, new Date())).toMatchObject({ orderId: order.id, ticketId: null });
  });
});
