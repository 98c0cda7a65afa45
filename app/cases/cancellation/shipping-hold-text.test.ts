import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cancellationKind } from './kind';
import { toShippingHoldLines } from './shipping-hold-text';

const kindEvents = (language: string) =>
  (JSON.parse(readFileSync(`locales/${language}/returns.json`, 'utf8')) as { case: { kindEvents: { cancellation: Record<string, string> } } }).case.kindEvents.cancellation;

describe('the shipping hold in words', () => {
  it('shows the shopper that shipping waits for the team, then that it is released, in both languages', () => {
    for (const type of ['shipping_held', 'shipping_released']) {
      expect(cancellationKind.shopperEvents.has(type)).toBe(true);
      expect(kindEvents('en')[type]).toBeTruthy();
      expect(kindEvents('fr')[type]).toBeTruthy();
    }
    expect(kindEvents('en')['shipping_held']).toBe('Shipping is on hold until our team decides');
    // Not holding is for agents: the shopper's page says nothing about a parcel that may leave.
    expect(cancellationKind.shopperEvents.has('shipping_not_held')).toBe(false);
  });

  it('tells agents each hold event on the ticket, and why nothing was held', () => {
    for (const language of ['en', 'fr'] as const) {
      for (const type of ['shipping_held', 'shipping_not_held', 'shipping_released', 'shipping_not_released']) expect(cancellationKind.text[language].events[type]).toBeTruthy();
    }
    expect(cancellationKind.text.en.events['shipping_held']).toMatch(/^Shipping is on hold until the team decides/);
    expect(toShippingHoldLines('shipping_not_held', { why: 'in_progress', messages: [] }, 'en')).toEqual(['Why: the order is already being prepared or shipped']);
    expect(toShippingHoldLines('shipping_not_held', { why: 'refused', messages: ['Nope'] }, 'fr')).toEqual(['Raison : Shopify a refusé', 'Shopify : Nope']);
    expect(cancellationKind.text.fr.eventLines?.('shipping_not_released', { messages: ['Access denied'] })).toEqual(['Shopify : Access denied']);
    expect(cancellationKind.agentEvents.has('shipping_not_released')).toBe(true);
  });
});
