import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runReturnStep } from '~/cases/return-flow.server';
import { ReturnFormSchema } from '~/cases/return-form';
import { prepareReturn, type ReturnDeps } from '~/cases/return-request';
import { syncCaseToHelpdesk } from '~/helpdesk/sync-case.server';
import type { GorgiasClient } from '~/integrations/gorgias/types';
import { normalizeEmail, parseOrderNumber } from '~/orders/identifiers';
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
async function returnThroughLink(scenario: string, ticketId: number, language: 'en' | 'fr') {
  const order = await h.orderOf(scenario);
  const minted = await mintShopperLink({ orders: h.orders, secret: SECRET, ttlMs: 3_600_000 }, { orderNumber: parseOrderNumber(order.name)!, email: normalizeEmail(order.email!), ticketId, language }, new Date());
  if (!minted.ok) throw new Error('link not minted');
  const claims = readOrderLinkToken(minted.token, SECRET, new Date())!;
  const { token } = await h.sessions.create({ orderId: claims.orderId, orderName: claims.orderName, ticketId: claims.ticketId }, new Date());
  const session = (await h.sessions.get(token, new Date()))!;
  const prepared = (await prepareReturn(returnDeps, session.orderId, new Date()))!;
  const index = prepared.decision.lines.findIndex((line) => line.decision === 'eligible');
  const form = ReturnFormSchema.parse({
    intent: 'submit', idempotencyKey: randomUUID(), refundMethod: 'original_payment',
    lines: prepared.context.lines.map((line, i) => ({ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: i === index ? 1 : 0, ...(i === index ? { reasonId: 'size-too-small' } : {}) })),
    conditions: h.policy.conditions.items.map((condition) => condition.id),
  });
  const step = await runReturnStep(
    { ...returnDeps, photos: h.photos },
    { form, orderId: session.orderId, orderName: session.orderName, sessionId: session.id, language, ticketId: session.ticketId },
    new Date(),
  );
  if (step.step !== 'submitted') throw new Error(`no case: ${JSON.stringify(step)}`);
  return { caseId: step.caseId, order };
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
    const { caseId, order } = await returnThroughLink('exchange-in-progress', 987_654, 'en');
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
    const dying: GorgiasClient = { ...h.gorgias, addPublicReply: async (id, input) => { await h.gorgias.addPublicReply(id, input); throw new Error('process died'); } };
    await expect(syncCaseToHelpdesk({ ...h.deps, gorgias: dying }, opened.id)).rejects.toThrow('process died');
    expect(await syncCaseToHelpdesk(h.deps, opened.id)).toMatchObject({ notesPosted: 0, replied: false });
    expect(h.repliesOf(await h.ticket(agent.id))).toHaveLength(1);
    expect(await h.eventTypes(opened.id)).toContain('gorgias.reply_sent');
  });
});
