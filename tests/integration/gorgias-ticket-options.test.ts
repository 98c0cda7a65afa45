import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HelpdeskOptions } from '~/helpdesk/options';
import { syncCaseToHelpdesk, type SyncCaseDeps } from '~/helpdesk/sync-case.server';
import type { Helpdesk } from '~/helpdesk/ports';
import type { Order } from '~/orders/types';
import { DEMO_OPTIONS, startHelpdeskHarness, type HelpdeskHarness } from './helpdesk-harness';

/**
 * The merchant's ticket options against the Gorgias emulator: review cases routed once to the
 * configured team and priority, verdict tags that stay true, the public reply, and tracking in
 * the first note.
 */
let h: HelpdeskHarness;
let order: Order;

beforeAll(async () => {
  h = await startHelpdeskHarness();
  order = await h.orderOf('two-parcels-delivered');
});
afterAll(() => h?.close());
beforeEach(async () => {
  await h.emulator.control('reset', {});
  h.time.advance(60_000);
});

const withOptions = (options: Partial<HelpdeskOptions>): SyncCaseDeps => ({ ...h.deps, config: { ...h.deps.config, gorgias: { ...DEMO_OPTIONS, ...options } } });
const move = (caseId: string, from: 'received' | 'needs_review', to: 'needs_review' | 'approved', type: string) =>
  h.cases.transition(caseId, from, to, { at: h.time.clock(), type, actor: 'system', data: {} });
const api = (method: string, path: string, body: unknown) => h.emulator.api(method, path, body);

describe('review cases', () => {
  it('go once to the configured team with the configured priority; an agent\'s re-assignment then stands', async () => {
    const opened = await h.openCase(order, { decision: 'needs_review' });
    await syncCaseToHelpdesk(h.deps, opened.id);
    const ticketId = (await h.cases.getCase(opened.id))!.providerRefs.gorgiasTicketId!;
    expect(await h.ticket(ticketId)).toMatchObject({ priority: 'high', assignee_team: { id: 3, name: 'Returns review' } });
    expect(await h.eventTypes(opened.id)).toContain('gorgias.review_routed');

    await api('PUT', `/api/tickets/${ticketId}`, { assignee_team: { id: 1 }, priority: 'normal' });
    await move(opened.id, 'received', 'needs_review', 'awaiting_review');
    expect(await syncCaseToHelpdesk(h.deps, opened.id)).toMatchObject({ notesPosted: 1 });
    expect(await h.ticket(ticketId)).toMatchObject({ priority: 'normal', assignee_team: { id: 1, name: 'Support' } });
  });

  it('are routed when the case turns to review later, and approved cases never are', async () => {
    const opened = await h.openCase(order);
    await syncCaseToHelpdesk(h.deps, opened.id);
    const ticketId = (await h.cases.getCase(opened.id))!.providerRefs.gorgiasTicketId!;
    expect(await h.ticket(ticketId)).toMatchObject({ priority: 'normal', assignee_team: null });
    await move(opened.id, 'received', 'needs_review', 'store_unreachable');
    await syncCaseToHelpdesk(h.deps, opened.id);
    expect(await h.ticket(ticketId)).toMatchObject({ priority: 'high', assignee_team: { id: 3 } });
  });

  it('a team Gorgias does not know is refused once and logged on the case; notes and the reply still go', async () => {
    const opened = await h.openCase(order, { decision: 'needs_review' });
    const deps = withOptions({ review: { teamId: 99, priority: 'critical' } });
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ status: 'synced', notesPosted: 1, replied: true });
    expect(await h.eventTypes(opened.id)).toContain('gorgias.review_refused');
    let puts = 0;
    const counting: Helpdesk = { ...h.helpdesk, route: async (...args) => { puts += 1; return h.helpdesk.route(...args); } };
    await syncCaseToHelpdesk({ ...deps, helpdesk: counting }, opened.id);
    expect(puts).toBe(0);
  });
});

describe('verdict tags', () => {
  // Each test on an order of its own: the emulator's ticket ids start again after each reset, and
  // another case of the order on "the same" ticket would keep its verdict on it.
  it('say what holds now: needs-review comes off once the store approves; the agent\'s own tags stay', async () => {
    const opened = await h.openCase(await h.orderOf('delivered-recently'), { decision: 'needs_review' });
    await syncCaseToHelpdesk(h.deps, opened.id);
    const ticketId = (await h.cases.getCase(opened.id))!.providerRefs.gorgiasTicketId!;
    expect(h.tagsOf(await h.ticket(ticketId))).toEqual(['comptoir', 'needs-review', 'other', 'return']);
    await api('POST', `/api/tickets/${ticketId}/tags`, { names: ['vip', 'refused'] });

    await move(opened.id, 'received', 'needs_review', 'awaiting_review');
    await move(opened.id, 'needs_review', 'approved', 'approved_by_store');
    await syncCaseToHelpdesk(h.deps, opened.id);
    expect(h.tagsOf(await h.ticket(ticketId))).toEqual(['auto-approved', 'comptoir', 'other', 'refused', 'return', 'vip']);
  });

  it('keep a verdict another case on the same ticket still stands for', async () => {
    const order = await h.orderOf('eur-france');
    const agent = await h.agentTicket(order.email!);
    const onTicket = { extra: { providerRefs: { gorgiasTicketId: agent.id } } };
    const first = await h.openCase(order, { decision: 'needs_review', ...onTicket });
    const second = await h.openCase(order, { decision: 'needs_review', ...onTicket });
    await syncCaseToHelpdesk(h.deps, first.id);
    await syncCaseToHelpdesk(h.deps, second.id);
    await move(first.id, 'received', 'needs_review', 'awaiting_review');
    await move(first.id, 'needs_review', 'approved', 'approved_by_store');
    await syncCaseToHelpdesk(h.deps, first.id);
    expect(h.tagsOf(await h.ticket(agent.id))).toEqual(['auto-approved', 'comptoir', 'needs-review', 'other', 'return']);
    expect((await h.state()).tickets).toHaveLength(1);
  });

  it('come off even when the worker died right after opening the ticket with them', async () => {
    const opened = await h.openCase(await h.orderOf('usd-united-states'));
    const dying: Helpdesk = { ...h.helpdesk, openTicket: async (input) => { await h.helpdesk.openTicket(input); throw new Error('process died'); } };
    await expect(syncCaseToHelpdesk({ ...h.deps, helpdesk: dying }, opened.id)).rejects.toThrow('process died');
    await move(opened.id, 'received', 'needs_review', 'store_unreachable');
    await syncCaseToHelpdesk(h.deps, opened.id);
    const [ticket, ...others] = (await h.state()).tickets;
    expect(others).toEqual([]);
    expect(h.tagsOf(ticket)).toEqual(['comptoir', 'needs-review', 'other', 'return']);
  });
});

describe('public reply', () => {
  it('is not sent when the store leaves it off', async () => {
    const opened = await h.openCase(order);
    expect(await syncCaseToHelpdesk(withOptions({ publicReply: null }), opened.id)).toMatchObject({ replied: false });
    expect(h.repliesOf((await h.state()).tickets[0])).toEqual([]);
    expect(await h.eventTypes(opened.id)).not.toContain('gorgias.reply_sent');
  });

  it('an address no email integration owns is refused once and logged on the case; the notes still go', async () => {
    const opened = await h.openCase(order, { language: 'fr' });
    const deps = withOptions({ publicReply: { emailIntegration: { id: 1, address: 'noreply@elsewhere.example' } } });
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ status: 'synced', notesPosted: 1, replied: false });
    expect(await h.eventTypes(opened.id)).toContain('gorgias.reply_refused');
    expect(await syncCaseToHelpdesk(deps, opened.id)).toMatchObject({ replied: false });
    expect(h.repliesOf((await h.state()).tickets[0])).toEqual([]);
  });
});

describe('the return label reply', () => {
  it('tells the shopper once, after the first reply, how to send the items back with the label issued', async () => {
    const opened = await h.openCase(order, { language: 'fr' });
    await syncCaseToHelpdesk(h.deps, opened.id);
    await h.deps.cases.appendEvent(opened.id, {
      at: new Date(), type: 'label_issued', actor: 'system',
      data: {
        provider: 'loop', providerReturnId: '1673', carrier: 'Colissimo', trackingNumber: '6A0001', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A0001',
        labelUrl: 'https://labels.example/1673.pdf', qrCodeUrl: null, returnAddress: ['Entrepôt', '12 rue des Retours', '69002 Lyon'], shipBy: '2026-12-18', portalUrl: null,
      },
    });
    await syncCaseToHelpdesk(h.deps, opened.id);
    await syncCaseToHelpdesk(h.deps, opened.id);
    const replies = h.repliesOf((await h.state()).tickets[0]);
    expect(replies).toHaveLength(2);
    const text = replies[1]!.body_text as string;
    for (const part of ['18 décembre 2026', 'https://labels.example/1673.pdf', 'Colissimo', '6A0001', '12 rue des Retours', opened.id]) expect(text).toContain(part);
    expect(await h.eventTypes(opened.id)).toContain('gorgias.label_reply_sent');
  });

  it('is not sent for a case without a label', async () => {
    const opened = await h.openCase(order);
    await syncCaseToHelpdesk(h.deps, opened.id);
    expect(h.repliesOf((await h.state()).tickets[0])).toHaveLength(1);
  });
});

describe('the first note', () => {
  it('lists each parcel of the order with carrier, tracking number, status and link', async () => {
    const opened = await h.openCase(order);
    await syncCaseToHelpdesk(h.deps, opened.id);
    const [note] = h.notesOf((await h.state()).tickets[0]);
    expect(order.parcels).toHaveLength(2);
    const lines = (note.body_text as string).split('\n');
    const start = lines.indexOf('Parcels:');
    expect(start).toBeGreaterThan(0);
    for (const [index, parcel] of order.parcels.entries()) {
      const line = lines[start + 1 + index]!;
      expect(line).toMatch(new RegExp(`^${index + 1}\\. `));
      for (const part of [parcel.carrier, parcel.trackingNumber, parcel.trackingUrl, 'delivered']) expect(line).toContain(part);
    }
    expect(lines.filter((line) => line.endsWith('(items of this request)'))).toHaveLength(1);
  });
});

describe('the case reference field', () => {
  it('fills the configured ticket field with the case reference on the ticket it opens', async () => {
    const opened = await h.openCase(order);
    await syncCaseToHelpdesk(withOptions({ caseFieldId: 1 }), opened.id);
    const [ticket, ...others] = (await h.state()).tickets;
    expect(others).toEqual([]);
    expect(ticket.custom_fields).toEqual([{ id: 1, value: opened.id }]);
  });

  it('a field Gorgias does not know still leaves the case with its one ticket and its note', async () => {
    const opened = await h.openCase(order);
    expect(await syncCaseToHelpdesk(withOptions({ caseFieldId: 99 }), opened.id)).toMatchObject({ status: 'synced', created: true, notesPosted: 1 });
    const [ticket, ...others] = (await h.state()).tickets;
    expect(others).toEqual([]);
    expect(ticket.external_id).toBe(opened.id);
    expect(ticket.custom_fields).toEqual([]);
  });
});
