import { describe, expect, it } from 'vitest';
import { aParcel, anOrder } from '~/orders/test-fixtures';
import type { Case, CaseEvent } from './case-store';
import { toCustomerCaseViews, toGorgiasTicketUrl, toShopifyAdminOrderUrl } from './customer-cases';

describe('toShopifyAdminOrderUrl', () => {
  it('points the agent at the order in Shopify admin', () => {
    expect(toShopifyAdminOrderUrl('maison-lumiere.myshopify.com', 'gid://shopify/Order/5123456789')).toBe(
      'https://admin.shopify.com/store/maison-lumiere/orders/5123456789',
    );
  });
});

describe('toGorgiasTicketUrl', () => {
  it('points the agent at the ticket in Gorgias, whatever path the API base carries', () => {
    expect(toGorgiasTicketUrl('https://maison-lumiere.gorgias.com/api/', 412)).toBe('https://maison-lumiere.gorgias.com/app/ticket/412');
  });
});

describe('toCustomerCaseViews', () => {
  const found = {
    id: 'C-SIDEBAR1', kind: 'return', state: 'approved', orderId: 'gid://shopify/Order/77', orderName: '#1077',
    providerRefs: { gorgiasTicketId: 412 }, createdAt: new Date('2026-11-20T08:00:00Z'), policyVersion: 'abc123def456',
    details: { lines: [{ title: 'Chino', quantity: 1, decision: 'approved', photoIds: [] }], totals: { estimatedRefund: { amount: '74.10', currencyCode: 'EUR' } } },
  } as unknown as Case;
  const links = { shopDomain: 'maison-lumiere.myshopify.com', portalUrl: 'https://returns.example', toTicketUrl: (id: number) => `https://t.example/${id}` };

  it('gives the agent the case, its ticket, the order in admin and each parcel to follow', () => {
    const parcel = aParcel({ status: 'in_transit', carrier: 'Colissimo', trackingNumber: '6A1', trackingUrl: 'https://track.example/6A1' });
    const orders = new Map([[found.orderId, anOrder({ id: found.orderId, parcels: [parcel] })]]);
    expect(toCustomerCaseViews([found], links, orders)).toEqual([{
      id: 'C-SIDEBAR1', kind: 'return', state: 'approved', orderName: '#1077',
      orderAdminUrl: 'https://admin.shopify.com/store/maison-lumiere/orders/77',
      caseUrl: 'https://returns.example/cases/C-SIDEBAR1', agentUrl: null, ticketUrl: 'https://t.example/412',
      createdAt: '2026-11-20T08:00:00.000Z', label: 'return', items: [{ title: 'Chino', quantity: 1, decision: 'approved', exchange: null }],
      parcels: [{ status: 'in_transit', carrier: 'Colissimo', trackingNumber: '6A1', trackingUrl: 'https://track.example/6A1' }],
      estimatedRefund: { amount: '74.10', currencyCode: 'EUR' }, returnParcel: null, policyVersion: 'abc123def456',
    }]);
  });

  it('shows no parcels when the order could not be read, and no ticket link before the ticket exists', () => {
    const [view] = toCustomerCaseViews([{ ...found, providerRefs: {} }], links);
    expect(view).toMatchObject({ parcels: null, ticketUrl: null, caseUrl: 'https://returns.example/cases/C-SIDEBAR1' });
  });

  it('follows the return parcel from the case’s events: the last step reached, its tracking and the label', () => {
    const at = new Date('2026-11-24T09:00:00Z');
    const events = [
      { id: 1, caseId: found.id, at, type: 'label_issued', actor: 'system', data: {
        provider: 'aftership', providerReturnId: 'r1', carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999',
        labelUrl: 'https://labels.example/r1.pdf', qrCodeUrl: null, returnAddress: null, shipBy: null, portalUrl: null,
      } },
      { id: 2, caseId: found.id, at: new Date('2026-11-25T09:00:00Z'), type: 'parcel_in_transit', actor: 'store', data: {} },
    ] as CaseEvent[];
    const [view] = toCustomerCaseViews([{ ...found, state: 'in_transit' } as Case], links, new Map(), new Map([[found.id, events]]));
    expect(view?.returnParcel).toEqual({
      stage: 'on_its_way', provider: 'aftership', lastStep: 'in_transit', lastStepAt: '2026-11-25T09:00:00.000Z',
      carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999', labelUrl: 'https://labels.example/r1.pdf', refund: null,
    });
  });

  it('says "exchange" for a case whose items are all exchanged, with each new item, its difference and when it ships', () => {
    const exchange = {
      productId: 'gid://shopify/Product/1', variantId: 'gid://shopify/ProductVariant/14', productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy',
      unitPrice: { amount: '45.00', currencyCode: 'EUR' }, settle: 'none', difference: { amount: '0.00', currencyCode: 'EUR' }, stockLeft: 4, ships: 'received', clauseId: '5.5',
    };
    const lines = [{ title: 'Marinière Saint-Malo', quantity: 1, decision: 'approved', outcome: 'exchange', photoIds: [], exchange }];
    const [view] = toCustomerCaseViews([{ ...found, details: { ...found.details, lines } } as unknown as Case], links);
    expect(view).toMatchObject({
      kind: 'return', label: 'exchange',
      items: [{ title: 'Marinière Saint-Malo', exchange: { productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy', settle: 'none', ships: 'received' } }],
    });
  });

  it('carries the agent link of each case when one is minted', () => {
    const [view] = toCustomerCaseViews([found], { ...links, toAgentUrl: (id) => `https://returns.example/agent/cases/sealed-${id}` });
    expect(view?.agentUrl).toBe('https://returns.example/agent/cases/sealed-C-SIDEBAR1');
  });
});
