import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resources } from '~/i18n';
import { aLine, aParcel, anOrder } from '~/orders/test-fixtures';
import type { Parcel, ParcelStatus } from '~/orders/types';
import { decideAddressChange, type DecideAddressChangeInput } from './address-change';
import { checkNewAddress, MAX_FIELD_LENGTH, type NewAddressInput } from './address-change-check';
import type { Policy } from './policy-schema';
import { buildPolicy } from './test-fixtures';

const HOUR = 3_600_000;
const ORDERED = new Date('2026-11-09T14:30:00Z');
const TOO_LATE = new Set(['FULFILLED', 'PARTIALLY_FULFILLED', 'IN_PROGRESS', 'PENDING_FULFILLMENT']);

const policies: Policy[] = [
  buildPolicy(),
  buildPolicy((p) => Object.assign(p.addressChange!, { countries: 'shipping_countries', windowHours: 2, excludedTags: [] })),
  buildPolicy((p) => { delete p.addressChange; }),
];

/** Mostly what a changeable order looks like, so that many scenarios get past the refusals. */
const often = <T>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: other, weight: 1 });

const scenario = fc.record({
  policy: fc.constantFrom(...policies),
  fulfillmentStatus: often(fc.constantFrom('UNFULFILLED', 'ON_HOLD', 'SCHEDULED'), fc.constantFrom(...TOO_LATE)),
  parcels: often(fc.constant<Parcel[]>([]), fc.array(fc.constantFrom<ParcelStatus>('cancelled', 'label_created', 'in_transit').map((status) => aParcel({ status })), { maxLength: 2 })),
  unfulfilled: often(fc.constant(1), fc.constant(0)),
  requiresShipping: often(fc.constant(true), fc.constant(false)),
  cancelled: often(fc.constant(false), fc.constant(true)),
  tags: often(fc.constant<string[]>([]), fc.subarray(['gift', 'fraud-check', ' FRAUD-CHECK'])),
  country: fc.constantFrom('FR', 'DE', 'CH', 'US'),
  shipsTo: fc.subarray(['FR', 'BE', 'DE', 'GB', 'US', 'CA']),
  elapsedMs: fc.oneof(fc.integer({ min: 0, max: 30 * HOUR }), fc.constantFrom(2, 24).chain((h) => fc.integer({ min: -2, max: 2 }).map((d) => h * HOUR + d))),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario): DecideAddressChangeInput {
  const order = anOrder({
    createdAt: ORDERED, cancelledAt: s.cancelled ? ORDERED : null, fulfillmentStatus: s.fulfillmentStatus, parcels: s.parcels, tags: s.tags,
    lineItems: [aLine({ unfulfilledQuantity: s.unfulfilled, requiresShipping: s.requiresShipping })],
    shippingAddress: { ...anOrder().shippingAddress!, countryCode: s.country },
  });
  return { policy: s.policy, order, shipsTo: s.shipsTo, now: new Date(ORDERED.getTime() + s.elapsedMs), timeZone: 'Europe/Paris' };
}

const has = (language: 'en' | 'fr', key: string) => {
  const [ns, path] = key.split(':') as [keyof typeof resources.en, string];
  let node: unknown = resources[language][ns];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
};

describe('address change properties', () => {
  it('never offers an order cancelled, handed to a carrier, being prepared, excluded, or past its window', () => {
    let offered = 0;
    fc.assert(fc.property(scenario, (s) => {
      const input = toInput(s);
      const verdict = decideAddressChange(input);
      expect(decideAddressChange(structuredClone(input))).toEqual(verdict);
      if (!verdict.offered) return;
      offered += 1;
      const rules = s.policy.addressChange!;
      expect(s.cancelled).toBe(false);
      expect(s.parcels.every((p) => p.status === 'cancelled')).toBe(true);
      expect(TOO_LATE.has(s.fulfillmentStatus)).toBe(false);
      expect(s.unfulfilled > 0 && s.requiresShipping).toBe(true);
      expect(rules.excludedTags.length === 0 || !s.tags.some((t) => t.trim().toLowerCase() === 'fraud-check')).toBe(true);
      expect(s.elapsedMs).toBeLessThan(rules.windowHours * HOUR);
    }), { numRuns: 500 });
    expect(offered).toBeGreaterThan(20);
  });

  it('offers the order’s own country always, and others only where the policy allows and the shop ships', () => {
    fc.assert(fc.property(scenario, (s) => {
      const verdict = decideAddressChange(toInput(s));
      if (!verdict.offered) return;
      expect(verdict.countries).toContain(s.country);
      const others = verdict.countries.filter((c) => c !== s.country);
      if (s.policy.addressChange!.countries === 'same') expect(others).toEqual([]);
      for (const code of others) expect(s.shipsTo).toContain(code);
    }), { numRuns: 300 });
  });

  it('only speaks in keys both languages translate', () => {
    fc.assert(fc.property(scenario, (s) => {
      const verdict = decideAddressChange(toInput(s));
      if (verdict.offered) return;
      expect(has('en', verdict.refusal.key), verdict.refusal.key).toBe(true);
      expect(has('fr', verdict.refusal.key), verdict.refusal.key).toBe(true);
    }), { numRuns: 300 });
  });

  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '  ', 'a'.repeat(256)));
  const form = fc.record({
    firstName: text, lastName: fc.oneof(text, fc.constant('Durand')), address1: fc.oneof(text, fc.constant('3 rue Oberkampf')),
    address2: text, city: fc.oneof(text, fc.constant('Lyon')), provinceCode: fc.oneof(text, fc.constantFrom('NY', 'QC', null)),
    countryCode: fc.oneof(text, fc.constantFrom('FR', 'fr', 'US', 'CA', 'HK', 'BO')), zip: fc.oneof(text, fc.constantFrom('69003', '11201', 'H2X 3L3')),
    phone: fc.oneof(text, fc.constantFrom('+33 4 72 00 00 00', '')),
  }, { requiredKeys: [] });

  it('never throws on any form; what it accepts is clean, allowed, within Shopify’s lengths, and accepted again as it is', () => {
    const rules = policies[1]!.addressChange!;
    const order = anOrder();
    let accepted = 0;
    fc.assert(fc.property(form, (input: NewAddressInput) => {
      const result = checkNewAddress(rules, order, input, ['FR', 'US', 'CA', 'HK', 'BO']);
      if (!result.ok) {
        for (const error of result.errors) expect(has('en', error.key) && has('fr', error.key), error.key).toBe(true);
        return;
      }
      accepted += 1;
      const { address } = result;
      expect(['FR', 'US', 'CA', 'HK', 'BO']).toContain(address.countryCode);
      expect(address.lastName && address.address1 && address.city).toBeTruthy();
      for (const value of Object.values(address)) if (value !== null) expect(value.length).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
      expect(checkNewAddress(rules, order, address, ['FR', 'US', 'CA', 'HK', 'BO'])).toEqual(result);
    }), { numRuns: 1000 });
    expect(accepted).toBeGreaterThan(10);
  });
});
