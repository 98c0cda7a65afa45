import { beforeAll, describe, expect, it } from 'vitest';
import { aLine, anOrder } from '~/orders/test-fixtures';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import type { CaseEvent } from '../case-store';
import type { ShopperViewContext } from '../kind';
import type { ProblemDetails } from './details';
import { problemKind } from './kind';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
});
const order = anOrder({ lineItems: [aLine({ id: 'gid://shopify/LineItem/1', title: 'Marinière', variantTitle: 'M / Navy', sku: 'MAR-NAV-M', unitPrice: eur('79.00') })] });

const details = (overrides: Partial<ProblemDetails['offer']> = {}, rest: Partial<ProblemDetails> = {}): ProblemDetails => ({
  type: 'not_received',
  parcel: { id: 'gid://shopify/Fulfillment/1', carrier: 'La Poste', trackingNumber: '6A12345678901', trackingUrl: 'https://example.test/track/6A12345678901', status: 'failure' },
  lines: [{ lineItemId: 'gid://shopify/LineItem/1', title: 'Marinière', variantTitle: 'M / Navy', quantity: 1 }],
  description: null,
  photoIds: [],
  offer: { outcome: 'reship', amount: null, value: eur('79.00'), clauseId: '10.2', reviewReasons: [], ...overrides },
  ...rest,
});
const noteOf = (d: ProblemDetails, language: 'en' | 'fr' = 'en') => problemKind.noteSections({ details: d } as never, { order, policy, photos: new Map() }, language);
const context = (events: Partial<CaseEvent>[] = []): ShopperViewContext => ({ declined: false, events: events as CaseEvent[], returnAddress: null, clauseTitle: (id) => (id === '10.2' ? 'Parcels not received' : null) });
const viewOf = (state: string, d: ProblemDetails) => problemKind.shopperView({ id: 'C-ABCDEFGH', state, details: d } as never, context());

describe('the ticket note of a problem report', () => {
  it('says exactly what the agent does: reship the units, with the clause', () => {
    const note = noteOf(details());
    expect(note.outcome[0]).toBe('→ Reship 1 × Marinière M / Navy, clause 10.2');
    expect(note.subject).toContain('Parcel: La Poste 6A12345678901 — status when reported: failure — https://example.test/track/6A12345678901');
    expect(note.outcome[1]).toBe('10.2 A parcel that has not arrived — value €79.00');
  });

  it('names the refund and where it goes, or the store credit', () => {
    const damaged = details({ outcome: 'refund', amount: eur('79.00'), clauseId: '10.5' }, { type: 'damaged', description: 'Torn seam', photoIds: ['k1', 'k2'] });
    const note = noteOf(damaged);
    expect(note.outcome[0]).toBe('→ Refund €79.00 to the original payment, clause 10.5');
    expect(note.subject).toContain('Shopper’s words: « Torn seam »');
    expect(note.subject).toEqual(expect.arrayContaining(['Photo 1: attached', 'Photo 2: attached']));
    expect(noteOf(details({ outcome: 'store_credit', amount: eur('20.00') }))).toMatchObject({ outcome: ['→ Issue €20.00 as store credit, clause 10.2', expect.any(String)] });
    expect(noteOf(damaged, 'fr').outcome[0]!.replace(/\s/g, ' ')).toBe('→ Rembourser 79,00 € sur le moyen de paiement initial, clause 10.5');
  });

  it('sends a review with why, and links photos the helpdesk refused', () => {
    const review = details({ outcome: 'review', reviewReasons: [{ key: 'policy:problems.review.valueAboveLimit', clauseId: '10.2', facts: {} }] }, { photoIds: ['k1'] });
    const note = problemKind.noteSections({ details: review } as never, { order, policy, photos: new Map([['k1', { attached: false, link: 'https://portal.test/photos/k1?sig=x' }]]) }, 'en');
    expect(note.outcome).toContain('because: worth more than the policy’s limit (clause 10.2)');
    expect(note.outcome[0]).toBe('→ Needs review, clause 10.2');
    expect(note.subject).toContain('Photo 1: https://portal.test/photos/k1?sig=x');
  });
});

describe('the tags and verdict of a problem report', () => {
  it('tags the kind of problem and the offer; a review is needs_review', () => {
    expect(problemKind.tags({ details: details({ outcome: 'refund', amount: eur('79.00') }, { type: 'damaged' }) })).toEqual(['problem-damaged', 'problem-offer-refund']);
    expect(problemKind.tags({ details: details({}, { type: 'delivered_not_found' }) })).toEqual(['problem-delivered-not-found', 'problem-offer-reship']);
    expect(problemKind.policyVerdict({ details: details({ outcome: 'review' }) })).toBe('needs_review');
    expect(problemKind.policyVerdict({ details: details() })).toBe('approved');
  });

  it('names each photo after the case for the ticket', () => {
    expect(problemKind.photos({ id: 'C-ABCDEFGH', details: details({}, { photoIds: ['a', 'b'] }) } as never)).toEqual([{ key: 'a', name: 'C-ABCDEFGH-1' }, { key: 'b', name: 'C-ABCDEFGH-2' }]);
  });
});

describe('the shopper’s view of a problem report', () => {
  it('says what happens next per outcome, before and after the worker ran', () => {
    expect(viewOf('received', details())).toMatchObject({ progress: 'offer_approved', outcome: 'reship', amount: null });
    expect(viewOf('approved', details({ outcome: 'refund', amount: eur('79.00') }))).toMatchObject({ progress: 'offer_approved', outcome: 'refund', amount: eur('79.00') });
    expect(viewOf('approved', details({ outcome: 'store_credit', amount: eur('20.00') }))).toMatchObject({ outcome: 'store_credit' });
    expect(viewOf('completed', details())).toMatchObject({ progress: 'done' });
    expect(viewOf('declined', details())).toMatchObject({ progress: 'declined' });
  });

  it('shows a review with its reasons and clause titles, while the team checks', () => {
    const reason = { key: 'policy:problems.review.valueAboveLimit', clauseId: '10.2', facts: { limit: '100.00', currencyCode: 'EUR' } };
    const view = viewOf('received', details({ outcome: 'review', reviewReasons: [reason] }));
    expect(view).toMatchObject({ progress: 'with_team', reviewReasons: [{ ...reason, clauseTitle: 'Parcels not received' }] });
    expect(viewOf('needs_review', details({ outcome: 'review', reviewReasons: [reason] })).progress).toBe('with_team');
  });

  it('carries the parcel, the items and the photos as the shopper sent them', () => {
    const view = viewOf('approved', details({}, { photoIds: ['a/b'], description: 'Nothing came' }));
    expect(view.parcel).toMatchObject({ carrier: 'La Poste', trackingNumber: '6A12345678901', status: 'failure' });
    expect(view.lines).toEqual([expect.objectContaining({ title: 'Marinière', quantity: 1 })]);
    expect(view.photoUrls).toEqual(['/photos/a%2Fb']);
    expect(view.description).toBe('Nothing came');
  });
});

describe('what the portal carried out, on the ticket and the shopper’s page', () => {
  const carried = (data: Record<string, unknown>) => [{ type: 'offer_carried_out', data }] as Partial<CaseEvent>[];

  it('tells agents the refund, the credit or the replacement order made in Shopify, or why not', () => {
    const { en, fr } = problemKind.text;
    expect(en.eventLines!('offer_carried_out', { outcome: 'refund', amount: '79.00 EUR', refundId: 'gid://shopify/Refund/1', already: false }))
      .toEqual(['→ refunded €79.00 to the original payment', 'Shopify refund: gid://shopify/Refund/1']);
    expect(en.eventLines!('offer_carried_out', { outcome: 'reship', orderName: '#1050', already: true })).toEqual(['→ replacement order #1050 created, free of charge', '(found from an earlier attempt, not made twice)']);
    expect(fr.eventLines!('offer_carried_out', { outcome: 'store_credit', amount: '20.00 EUR' })![0]!.replace(/\s/g, ' ')).toBe('→ avoir de 20,00 € émis (remboursement en avoir)');
    expect(en.eventLines!('store_refused', { codes: ['REFUSED'], messages: ['Quantity cannot refund more items than were purchased'] })).toEqual(['Shopify refused: Quantity cannot refund more items than were purchased']);
    expect(en.events['offer_approved']).toBe('Offer approved by the policy: the portal carries it out in Shopify');
  });

  it('tells the shopper what was done once completed: the amount paid back or the new order', () => {
    const done = (d: ProblemDetails, events: Partial<CaseEvent>[]) => problemKind.shopperView({ id: 'C-ABCDEFGH', state: 'completed', details: d } as never, context(events));
    expect(done(details({ outcome: 'refund', amount: eur('79.00') }), carried({ outcome: 'refund', amount: '79.00 EUR' })).carriedOut).toEqual({ outcome: 'refund', amount: eur('79.00'), orderName: null });
    expect(done(details(), carried({ outcome: 'reship', orderName: '#1050' })).carriedOut).toEqual({ outcome: 'reship', amount: null, orderName: '#1050' });
    expect(viewOf('approved', details()).carriedOut).toBeNull();
  });

  it('makes a review approvable on the agent page, going on to be carried out', () => {
    expect(problemKind.review).toBe('portal');
    expect(problemKind.transitions.approved).toEqual(['completed', 'needs_review']);
  });
});
