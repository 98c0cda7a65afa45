import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../kinds';
import type { CaseLine, ReturnDetails } from './details';
import { returnKind } from './kind';

const localeEvents = (language: string) =>
  Object.keys((JSON.parse(readFileSync(`locales/${language}/returns.json`, 'utf8')) as { case: { event: Record<string, string> } }).case.event);
const line = (decision: CaseLine['decision'], reasonId = 'defective') => ({ reasonId, decision, title: 'Chino', quantity: 2 }) as CaseLine;
const details = (...lines: CaseLine[]) => ({ lines, refundMethod: null, totals: { estimatedRefund: { amount: '9.00', currencyCode: 'EUR' } } }) as ReturnDetails;

describe('the return kind', () => {
  it('is registered under its own name', () => {
    expect(KINDS.return).toBe(returnKind);
    expect(Object.entries(KINDS).every(([name, kind]) => kind.kind === name)).toBe(true);
  });

  it('names every event it shows the shopper on the case page, and tells agents each in both languages', () => {
    for (const language of ['en', 'fr'] as const) {
      expect(localeEvents(language)).toEqual(expect.arrayContaining(['received', ...returnKind.shopperEvents]));
      for (const type of [...returnKind.shopperEvents].filter((type) => type !== 'received')) expect(returnKind.text[language].events[type]).toBeTruthy();
    }
  });

  it('takes its verdict, tags and summary from its lines', () => {
    expect(returnKind.policyVerdict({ details: details(line('approved'), line('needs_review')) })).toBe('needs_review');
    expect(returnKind.policyVerdict({ details: details(line('declined'), line('declined')) })).toBe('declined');
    expect(returnKind.policyVerdict({ details: details(line('declined'), line('approved')) })).toBe('approved');
    expect(returnKind.tags({ details: details(line('approved', 'size-too-small'), line('approved')) })).toEqual(['size-too-small', 'defective']);
    const found = { id: 'C-7KQ2M9XA', kind: 'return', details: details(line('approved')) } as Parameters<typeof returnKind.summary>[0];
    expect(returnKind.summary(found)).toEqual({
      label: 'return', items: [{ title: 'Chino', quantity: 2, decision: 'approved', exchange: null }], estimatedRefund: { amount: '9.00', currencyCode: 'EUR' },
    });
  });

  it('calls a return whose every item is exchanged an exchange, and lists the new item of each', () => {
    const exchange = {
      productId: 'gid://shopify/Product/2', variantId: 'gid://shopify/ProductVariant/21', productTitle: 'Polo Marin', variantTitle: 'M / Navy',
      unitPrice: { amount: '49.00', currencyCode: 'EUR' }, settle: 'invoice', difference: { amount: '4.00', currencyCode: 'EUR' }, stockLeft: 3, ships: 'in_transit', clauseId: '5.5',
    } as const;
    const exchanged = { ...line('approved', 'size-too-small'), outcome: 'exchange', exchange } as CaseLine;
    const summary = (...lines: CaseLine[]) => returnKind.summary({ id: 'C-7KQ2M9XA', kind: 'return', details: details(...lines) } as Parameters<typeof returnKind.summary>[0]);
    expect(summary(exchanged)).toMatchObject({
      label: 'exchange',
      items: [{ title: 'Chino', exchange: { productTitle: 'Polo Marin', variantTitle: 'M / Navy', settle: 'invoice', difference: { amount: '4.00', currencyCode: 'EUR' }, ships: 'in_transit' } }],
    });
    // One item refunded beside it: still a return.
    expect(summary(exchanged, { ...line('approved'), outcome: 'refund' } as CaseLine).label).toBe('return');
  });
});
