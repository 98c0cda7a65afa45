import { describe, expect, it } from 'vitest';
import type { LabelRequest } from '~/labels/ports';
import type { LoopClient } from './client.server';
import { createLoopLabelProvider } from './label-provider.server';
import type { DraftReturn } from './schemas';

const request: LabelRequest = {
  caseId: 'case_1', orderId: 'gid://shopify/Order/1', orderName: '#1001', customerEmail: 'ann@example.com', shippingZip: null,
  shipFrom: null, refundMethod: 'store_credit', language: 'fr',
  lines: [{ lineItemId: 'gid://shopify/LineItem/11', title: 'Shirt', sku: null, quantity: 1, reasonId: 'r', reasonText: 'Trop petit', note: null }],
};

const draft = (links: string[]): DraftReturn => ({
  draft_return: { id: '5', state: 'created', return_id: null }, errors: [], _templates: {},
  _links: Object.fromEntries(links.map((rel) => [rel, { href: `https://api.loopreturns.test/api/v1/draft-returns/5/${rel}` }])),
});

/** A Loop whose drafts never become ready to submit (it wants steps we cannot take for the shopper). */
function fakeLoop(calls: string[]): LoopClient {
  const unused = () => { throw new Error('not expected'); };
  return {
    listReturns: async () => [],
    initializeDraftReturn: async (input) => { calls.push(`initialize ${input.secondaryInput}`); return draft(['add-returning-item']); },
    offers: (d, rel) => Boolean(d._links[rel]),
    listDraftOrderItems: async () => [{ id: '70', provider_line_item_id: '11', quantity: 1, returnable: true, return_reasons: [{ id: '9', name: 'Trop petit' }] }],
    act: async (_d, rel, json) => { calls.push(`${rel} ${JSON.stringify(json ?? {})}`); return draft(['add-returning-item', 'set-outcome']); },
    createDeepLink: async (input) => { calls.push(`link ${input.zip}`); return { url: 'https://shop.loopreturns.com/#/link/abc' }; },
    getReturnDetails: unused, getReturnDetailsByOrderName: unused, getReturnNotes: unused, addReturnNote: unused, cancelReturn: unused,
  };
}

describe('Loop label provider, when a draft cannot be finished for the shopper', () => {
  it('hands the shopper Loop’s own portal, looking the order up by email when it has no zip', async () => {
    const calls: string[] = [];
    const result = await createLoopLabelProvider(fakeLoop(calls)).requestLabel(request);
    expect(result).toEqual({ status: 'pending', providerReturnId: 'order:#1001', portalUrl: 'https://shop.loopreturns.com/#/link/abc' });
    expect(calls).toEqual([
      'initialize ann@example.com',
      'add-returning-item {"line_item_id":"70","return_reason_id":"9","quantity":1}',
      'link ann@example.com',
    ]);
  });
});
