import { describe, expect, it } from 'vitest';
import type { Order } from '~/orders/types';
import { buildPolicy } from '~/policy/test-fixtures';
import { maskEmail } from './address-view';
import type { AddressChangeDetails } from './details';
import { toAddressChangeNoteSections } from './notes';
import { toAddressChangeShopperView } from './shopper-view';
import { findTooLate } from './too-late';

const details: AddressChangeDetails = {
  clauseId: '9.1',
  oldAddress: { firstName: 'Camille', lastName: 'Martin', address1: '12 rue de la Paix', address2: null, city: 'Paris', provinceCode: null, countryCode: 'FR', zip: '75002', phone: null },
  newAddress: { firstName: 'Camille', lastName: 'Martin', address1: '3 rue Mercière', address2: 'Bâtiment B', city: 'Lyon', provinceCode: null, countryCode: 'FR', zip: '69002', phone: null },
  codeCheckedAt: '2026-11-10T09:30:00.000Z',
  sessionId: 'session-that-typed-the-code',
};
const context = { declined: false, events: [], returnAddress: null, clauseTitle: () => 'Change it within 24 hours' };

describe('the address change as the shopper sees it', () => {
  it('shows both addresses whole to the session that typed the code, masked to any other', () => {
    const own = toAddressChangeShopperView({ state: 'completed', details }, { ...context, viewerSessionId: 'session-that-typed-the-code' });
    expect(own).toMatchObject({ progress: 'changed', masked: false, newAddress: { name: 'Camille Martin', lines: ['3 rue Mercière', 'Bâtiment B', '69002 Lyon'], countryCode: 'FR' } });
    const other = toAddressChangeShopperView({ state: 'completed', details }, { ...context, viewerSessionId: 'another-session' });
    expect(other.masked).toBe(true);
    expect(JSON.stringify(other)).not.toContain('Mercière');
    expect(JSON.stringify(other)).not.toContain('de la Paix');
    expect(toAddressChangeShopperView({ state: 'completed', details }, context).masked).toBe(true);
  });

  it('says why the team has it: the order started shipping first, or the store refused', () => {
    const at = new Date();
    const event = (type: string) => ({ id: 1, caseId: 'C-1', at, type, actor: 'system' as const, data: {} });
    expect(toAddressChangeShopperView({ state: 'needs_review', details }, { ...context, events: [event('order_shipped_first')] }).withTeamBecause).toBe('too_late');
    expect(toAddressChangeShopperView({ state: 'needs_review', details }, { ...context, events: [event('store_refused')] }).withTeamBecause).toBe('refused');
    expect(toAddressChangeShopperView({ state: 'received', details }, context)).toMatchObject({ progress: 'changing', withTeamBecause: null });
  });
});

describe('the agent note', () => {
  it('says old → new and that the emailed code was checked, in English and French', () => {
    const note = toAddressChangeNoteSections(details, { order: {} as Order, policy: buildPolicy(), photos: new Map() }, 'en');
    expect(note.subject).toEqual([
      'Old shipping address: Camille Martin, 12 rue de la Paix, 75002 Paris, FR',
      '→ New shipping address: Camille Martin, 3 rue Mercière, Bâtiment B, 69002 Lyon, FR',
      "Verified: the code sent to the order's email was checked (2026-11-10 09:30 UTC)",
    ]);
    const fr = toAddressChangeNoteSections(details, { order: {} as Order, policy: buildPolicy(), photos: new Map() }, 'fr');
    expect(fr.subject[0]).toBe('Ancienne adresse de livraison : Camille Martin, 12 rue de la Paix, 75002 Paris, FR');
  });
});

describe('before writing to Shopify', () => {
  const order = (overrides: Partial<Order>) => ({ cancelledAt: null, parcels: [], fulfillmentStatus: 'UNFULFILLED', ...overrides }) as Order;
  it('stops for an order gone, cancelled, handed to a carrier or being prepared', () => {
    expect(findTooLate(order({}))).toBeNull();
    expect(findTooLate(null)).toBe('gone');
    expect(findTooLate(order({ cancelledAt: new Date() }))).toBe('cancelled');
    expect(findTooLate(order({ fulfillmentStatus: 'IN_PROGRESS' }))).toBe('shipping_started');
    expect(findTooLate(order({ parcels: [{ status: 'label_created' }] as Order['parcels'] }))).toBe('shipping_started');
    expect(findTooLate(order({ parcels: [{ status: 'cancelled' }] as Order['parcels'] }))).toBeNull();
  });
});

it('masks the order email to its first letter and domain', () => {
  expect(maskEmail('camille.martin@example.com')).toBe('c•••@example.com');
});
