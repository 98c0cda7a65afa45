import { describe, expect, it } from 'vitest';
import type { Case, CaseEvent, NewCaseEvent } from '~/cases/case-store';
import type { LabelProvider } from '~/labels/ports';
import type { Order } from '~/orders/types';
import { UpstreamError } from '~/utils/upstream-error';
import type { JobContext } from './queue.server';
import { createRequestLabelHandler } from './request-label.server';

/*
 * The label job's retries and parking, with a case store and a provider of the test's own: an
 * outage is thrown for pg-boss to retry until the last attempt, which tells an agent and parks.
 */
const money = { amount: '30.00', currencyCode: 'EUR' };
const approved = {
  id: 'C-7KQ2M9XA', kind: 'return', state: 'approved', orderId: 'gid://shopify/Order/1', orderName: '#1001', language: 'en', providerRefs: {},
  details: {
    lines: [{ fulfillmentLineItemId: 'f1', lineItemId: 'l1', title: 'Shirt', quantity: 1, reasonId: 'defective', note: null, outcome: 'refund', photoIds: [], decision: 'approved', clauseIds: [] }],
    refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: money, estimatedRefund: money },
  },
} as unknown as Case;

function harness(provider: LabelProvider) {
  const events: CaseEvent[] = [];
  const append = async (_id: string, event: NewCaseEvent) => {
    const logged = { ...event, id: events.length + 1, caseId: approved.id };
    events.push(logged);
    return logged;
  };
  const handler = createRequestLabelHandler({
    cases: {
      getCase: async () => approved,
      listEvents: async () => events,
      appendEvent: append,
      advance: async () => ({ ok: false, reason: 'stale' }),
      recordProviderRefs: async () => approved,
    },
    orders: { getOrder: async () => ({ id: approved.orderId, name: '#1001', email: 'a@example.com', shippingAddress: null, lineItems: [] }) as unknown as Order },
    labels: { providers: { store: provider, loop: provider }, defaultProvider: 'loop' },
    reasons: [],
    clock: () => new Date('2026-12-02T10:00:00Z'),
    retryLimit: 3,
    applyKept: async () => {},
  });
  const job = (retryCount: number) => ({ id: 'j', name: 'labels.request-label', retryCount, signal: new AbortController().signal }) as JobContext;
  return { events, handler, job };
}

const down = (retryable: boolean): LabelProvider => ({
  name: 'loop',
  requestLabel: async () => { throw new UpstreamError({ service: 'loop', status: retryable ? 503 : 422, code: retryable ? 'UNAVAILABLE' : 'INVALID_ORDER', retryable }); },
  cancelLabel: async () => {},
  getStatus: async () => null,
});

describe('the labels.request-label job', () => {
  it('throws an outage back for a retry while attempts are left, telling nobody yet', async () => {
    const h = harness(down(true));
    await expect(h.handler({ caseId: approved.id }, h.job(0))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(h.events.map((event) => event.type)).toEqual(['label_requested']);
  });

  it('on the last attempt tells an agent (retryable, so a re-drive asks again) and parks the job', async () => {
    const h = harness(down(true));
    expect(await h.handler({ caseId: approved.id }, h.job(3))).toEqual({ park: { code: 'UNAVAILABLE', status: 503 } });
    expect(h.events.map((event) => [event.type, event.data])).toEqual([
      ['label_requested', { provider: 'loop' }],
      ['label_refused', { provider: 'loop', code: 'UNAVAILABLE', message: 'loop could not be reached after many attempts', retryable: true }],
    ]);
  });

  it('parks a refusal at once, and a re-run after it asks nobody again', async () => {
    const h = harness(down(false));
    expect(await h.handler({ caseId: approved.id }, h.job(0))).toEqual({ park: { code: 'INVALID_ORDER', status: 422 } });
    expect(h.events.map((event) => event.type)).toEqual(['label_requested', 'label_refused']);
    expect(await h.handler({ caseId: approved.id }, h.job(0))).toBeUndefined();
    expect(h.events).toHaveLength(2);
  });
});
