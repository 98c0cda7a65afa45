import type { Order } from '~/orders/types';
import type { AddressChangePolicy } from './address-change-schema';
import type { DecisionReason } from './decide-return';
import type { Policy } from './policy-schema';
import { toZonedDate } from './zoned-date';

export type DecideAddressChangeInput = {
  policy: Policy;
  order: Order;
  /** Shopify's `shop.shipsToCountries`: where a new address may be when the policy allows other countries. */
  shipsTo: readonly string[];
  now: Date;
  /** The store's IANA zone: dates in the facts are on its calendar. */
  timeZone: string;
};

export type AddressChangeOffer = {
  offered: true;
  clauseId: string;
  /** Open from the order until `until`, exclusive. */
  window: { orderedAt: Date; until: Date };
  /** ISO codes the new address may be in, sorted; always includes the order's own country. */
  countries: string[];
  requirePhone: boolean;
  policyVersion: string;
  decidedAt: string;
};

export type AddressChangeRefusal = { offered: false; refusal: DecisionReason; policyVersion: string; decidedAt: string };
export type AddressChangeVerdict = AddressChangeOffer | AddressChangeRefusal;

const HOUR_MS = 3_600_000;
/** Shopify's statuses for an order its warehouse has started on: the parcel may be packed already. */
const BEING_PREPARED = new Set(['IN_PROGRESS', 'PENDING_FULFILLMENT']);
const KEY = 'policy:addressChange.refusal';

const normalize = (tag: string) => tag.trim().toLowerCase();

/** The instants that bound the change: `windowHours` from the order (Shopify's processedAt). */
export function toAddressChangeWindow(order: Order, rules: AddressChangePolicy): AddressChangeOffer['window'] {
  const orderedAt = order.processedAt;
  return { orderedAt, until: new Date(orderedAt.getTime() + rules.windowHours * HOUR_MS) };
}

/**
 * Where the new address may be: the order's country, plus — when the policy allows other
 * countries — every one the shop ships to. Sorted, without duplicates.
 */
export function listAllowedCountries(rules: AddressChangePolicy, order: Order, shipsTo: readonly string[]): string[] {
  const own = order.shippingAddress?.countryCode ?? null;
  const countries = new Set(rules.countries === 'same' ? [] : shipsTo.map((code) => code.toUpperCase()));
  if (own) countries.add(own.toUpperCase());
  return [...countries].sort();
}

/** Units each line still has to ship: removed and refunded ones, gift cards and downloads aside. */
const unitsToShip = (order: Order) =>
  order.lineItems.filter((line) => line.requiresShipping).reduce((sum, line) => sum + Math.max(0, Math.min(line.unfulfilledQuantity, line.currentQuantity)), 0);

/** A parcel handed over (any not cancelled), or Shopify's status saying so, is too late. */
function findShipment(order: Order, clauseId: string, timeZone: string): DecisionReason | null {
  const parcels = order.parcels.filter((parcel) => parcel.status !== 'cancelled');
  const status = order.fulfillmentStatus;
  if (parcels.length === 0 && status !== 'FULFILLED' && status !== 'PARTIALLY_FULFILLED') return null;
  const first = parcels.reduce<Date | null>((earliest, p) => (earliest && earliest <= p.createdAt ? earliest : p.createdAt), null);
  if (!first) return { key: `${KEY}.shippedUndated`, clauseId, facts: {} };
  const partly = status === 'PARTIALLY_FULFILLED' || (status !== 'FULFILLED' && unitsToShip(order) > 0);
  return { key: `${KEY}.${partly ? 'partlyShipped' : 'shipped'}`, clauseId, facts: { shippedOn: toZonedDate(first, timeZone) } };
}

function findExcludedTag(rules: AddressChangePolicy, tags: string[]): DecisionReason | null {
  const normalized = new Map(tags.map((tag) => [normalize(tag), tag]));
  for (const rule of rules.excludedTags) {
    const match = rule.tags.map(normalize).find((tag) => normalized.has(tag));
    if (match !== undefined) return { key: `${KEY}.excludedTag`, clauseId: rule.clause, facts: { value: normalized.get(match) ?? match } };
  }
  return null;
}

function findRefusal(input: DecideAddressChangeInput): DecisionReason | null {
  const { policy, order, now, timeZone } = input;
  const rules = policy.addressChange;
  if (order.cancelledAt) {
    return { key: `${KEY}.alreadyCancelled`, clauseId: rules?.clause ?? policy.scope.clause, facts: { cancelledOn: toZonedDate(order.cancelledAt, timeZone) } };
  }
  if (!rules) return { key: `${KEY}.notOffered`, clauseId: policy.scope.clause, facts: {} };
  const clauseId = rules.clause;
  if (!order.shippingAddress || !order.lineItems.some((line) => line.requiresShipping)) return { key: `${KEY}.noShipping`, clauseId, facts: {} };
  const shipment = findShipment(order, clauseId, timeZone);
  if (shipment) return shipment;
  if (BEING_PREPARED.has(order.fulfillmentStatus)) return { key: `${KEY}.inProgress`, clauseId, facts: {} };
  if (unitsToShip(order) === 0) return { key: `${KEY}.nothingToShip`, clauseId, facts: {} };
  const excluded = findExcludedTag(rules, order.tags);
  if (excluded) return excluded;
  const window = toAddressChangeWindow(order, rules);
  if (now >= window.until) {
    return {
      key: `${KEY}.windowClosed`, clauseId,
      facts: { orderedOn: toZonedDate(window.orderedAt, timeZone), windowHours: rules.windowHours, closedAt: window.until.toISOString() },
    };
  }
  return null;
}

/**
 * Whether the order's shopper may change its shipping address under the policy, and where to;
 * why not when they may not. Pure: the clock, the store's zone and its shipping countries come
 * in. Only an order nothing of which has shipped, or is being prepared, is ever offered.
 */
export function decideAddressChange(input: DecideAddressChangeInput): AddressChangeVerdict {
  const { policy, order, now } = input;
  const stamp = { policyVersion: policy.version, decidedAt: now.toISOString() };
  const refusal = findRefusal(input);
  const rules = policy.addressChange;
  if (refusal || !rules) {
    return { offered: false, refusal: refusal ?? { key: `${KEY}.notOffered`, clauseId: policy.scope.clause, facts: {} }, ...stamp };
  }
  return {
    offered: true,
    clauseId: rules.clause,
    window: toAddressChangeWindow(order, rules),
    countries: listAllowedCountries(rules, order, input.shipsTo),
    requirePhone: rules.requirePhone,
    ...stamp,
  };
}
