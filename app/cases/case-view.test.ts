import { describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from './case-store';
import { asViewOf, toCaseView } from './case-view';

const found = {
  id: 'C-7KQ2M9XA', orderName: '#1016', state: 'received', providerRefs: {},
  kind: 'return', details: { lines: [], totals: { estimatedRefund: { amount: '45.00', currencyCode: 'EUR' } } },
} as unknown as Case;
const event = (id: number, type: string) => ({ id, caseId: found.id, at: new Date('2026-03-01T10:00:00Z'), type, actor: 'system', data: {} }) as CaseEvent;

describe('the case as the shopper sees it', () => {
  it('says the support team has the request only once its ticket is known, and an email only once sent', () => {
    expect(toCaseView(found, [], { helpdesk: false }).helpdesk).toEqual({ status: 'none', emailed: false });
    expect(toCaseView(found, [], { helpdesk: true }).helpdesk).toEqual({ status: 'pending', emailed: false });
    const linked = { ...found, providerRefs: { gorgiasTicketId: 42 } };
    expect(toCaseView(linked, [event(1, 'received')], { helpdesk: true }).helpdesk).toEqual({ status: 'with_team', emailed: false });
    expect(toCaseView(linked, [event(1, 'received'), event(2, 'gorgias.reply_sent')], { helpdesk: true }).helpdesk).toEqual({ status: 'with_team', emailed: true });
    // Without a helpdesk, a link's ticket id promises nothing.
    expect(toCaseView(linked, [], { helpdesk: false }).helpdesk.status).toBe('none');
  });

  it('shows the shopper their own events, not the helpdesk bookkeeping', () => {
    const view = toCaseView(found, [event(1, 'received'), event(2, 'gorgias.ticket_from_link'), event(3, 'gorgias.verdict_tagged'), event(4, 'submitted_to_store')], { helpdesk: true });
    expect(view.events.map((e) => e.type)).toEqual(['received', 'submitted_to_store']);
  });

  it('shows why the store declined and its note, and the checked lines as declined', () => {
    const line = { fulfillmentLineItemId: 'f1', title: 'Scarf', quantity: 1, decision: 'needs_review', photoIds: [] };
    const declined = { ...found, state: 'declined', details: { ...found.details, lines: [line] } } as unknown as Case;
    const decline = { ...event(5, 'declined_by_store'), data: { declineReason: 'FINAL_SALE', declineNote: 'Sold as is.' } };
    const view = asViewOf(toCaseView(declined, [event(1, 'received'), decline], { helpdesk: false }), 'return');
    expect(view.decline).toEqual({ reason: 'FINAL_SALE', note: 'Sold as is.' });
    expect(view.lines[0]?.decision).toBe('declined');
    expect(view.events.map((e) => e.type)).toEqual(['received', 'declined_by_store']);
    // Approved in Shopify: the line the policy left to a check now reads approved.
    const approved = asViewOf(toCaseView({ ...declined, state: 'approved' } as Case, [event(1, 'received')], { helpdesk: false }), 'return');
    expect(approved.decline).toBeNull();
    expect(approved.lines[0]?.decision).toBe('approved');
  });
});
