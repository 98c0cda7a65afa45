import { describe, expect, it } from 'vitest';
import { anOrder } from '~/orders/test-fixtures';
import { buildPolicy } from '~/policy/test-fixtures';
import type { CaseEvent } from '../case-store';
import type { CancellationDetails } from './details';
import { cancellationKind } from './kind';
import { toStaffNote } from './execute.server';

const details = (overrides: Partial<CancellationDetails> = {}): CancellationDetails => ({
  mode: 'instant', scope: 'order', clauseId: '8.1', reasonId: 'ordered_by_mistake', note: 'Wrong size',
  lines: [{ lineItemId: 'gid://shopify/LineItem/1', title: 'Marinière Saint-Malo', variantTitle: 'M / Navy', quantity: 2 }],
  refund: { amount: { amount: '90.00', currencyCode: 'EUR' }, method: 'original_payment', releasesHold: false },
  restock: true, notifyCustomer: true, reviewReasons: [], ...overrides,
});
const event = (type: string, data: Record<string, string> = {}): CaseEvent => ({ id: 1, caseId: 'C-7KQ2M9XA', at: new Date('2026-12-03T10:00:00Z'), type, actor: 'store', data });
const view = (state: 'received' | 'needs_review' | 'completed' | 'declined', d: CancellationDetails, events: CaseEvent[] = []) =>
  cancellationKind.shopperView({ state, details: d } as never, { declined: false, events, returnAddress: null, clauseTitle: (id) => `Clause ${id}` });

describe('the cancellation kind', () => {
  it('tells the shopper where it stands: being cancelled, cancelled (with Shopify’s date), with the team, shipped first', () => {
    expect(view('received', details()).progress).toBe('cancelling');
    const done = view('completed', details(), [event('order_cancelled', { cancelledAt: '2026-12-03T09:59:00Z' })]);
    expect(done).toMatchObject({ progress: 'cancelled', cancelledAt: '2026-12-03T09:59:00Z', reviewReasons: [] });
    const review = details({ mode: 'review', reviewReasons: [{ key: 'policy:cancellation.review.orderValue', clauseId: '8.1', facts: { limit: '300.00' } }] });
    // A request for the team reads as such from the start, never as "being cancelled".
    expect(view('received', review)).toMatchObject({ progress: 'with_team', reviewReasons: [{ clauseTitle: 'Clause 8.1' }] });
    expect(view('declined', review, [event('order_shipped_first')])).toMatchObject({ progress: 'not_cancelled', shippedFirst: true });
  });

  it('writes the agent the items, the reason, the verdict with its clause and the refund', () => {
    const { subject, outcome } = cancellationKind.noteSections({ details: details() } as never, { order: anOrder(), policy: buildPolicy(), photos: new Map() }, 'en');
    expect(subject).toEqual(['Items to cancel:', '1. Marinière Saint-Malo · M / Navy · SKU SHIRT-M-SAND — 2 × €59.00', 'Reason: ordered by mistake', 'Shopper note: « Wrong size »']);
    expect(outcome[0]).toMatch(/^→ Cancelled at once \(within the policy’s window\) \(clause 8\.1/);
    expect(outcome[1]).toBe('Refund: €90.00 (original payment); items restocked');
    expect(cancellationKind.noteSections({ details: details({ refund: { amount: null, method: 'original_payment', releasesHold: false } }) } as never, { order: anOrder(), policy: buildPolicy(), photos: new Map() }, 'fr').outcome[1])
      .toBe('Remboursement : à confirmer par l’équipe ; articles remis en stock');
  });

  it('tags the ticket with the reason, sends nothing back, and marks the staff note with the case id', () => {
    expect(cancellationKind.tags({ details: details() })).toEqual(['cancel-ordered-by-mistake']);
    expect(cancellationKind.parcelLines({ details: details() } as never)).toEqual([]);
    expect(toStaffNote({ id: 'C-7KQ2M9XA', details: details() } as never)).toBe('[C-7KQ2M9XA] Cancelled by the shopper from Comptoir (ordered_by_mistake)');
  });
});
