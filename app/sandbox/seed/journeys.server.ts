import { isoTime } from './build-context.server';
import { CARRIERS, type CarrierId, type Place } from './carriers.server';
import type { IdSequence } from './ids.server';
import type { GqlObject } from './types.server';

/** How far a parcel got. `untracked`: a number was typed in by hand, so no carrier events exist. */
export type Stage =
  | 'label' | 'in-transit' | 'delayed' | 'out-for-delivery' | 'delivered' | 'attempted' | 'failed' | 'untracked';

export type JourneySpec = {
  stage: Stage;
  /** When the label was created (the fulfillment's `createdAt`). */
  shippedHoursAgo: number;
  /** When the latest carrier scan happened; defaults to two hours ago. */
  lastEventHoursAgo?: number;
  /** Carrier estimate for parcels still on their way. */
  etaHoursFromNow?: number;
  /** Hubs added to the carrier's usual route (long-distance parcels). */
  extraHubs?: Place[];
};

/** A carrier scan before it is dated: what happened, where, in the carrier's words. */
export type Draft = { status: string; place: Place; message: string };

export type Journey = {
  events: GqlObject[];
  displayStatus: string;
  createdAt: string;
  updatedAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
};

const HOUR = 3_600_000;
const ETA_DEFAULTS: Partial<Record<Stage, number>> = { label: 72, 'in-transit': 30, delayed: 60, 'out-for-delivery': 5 };

function draftsFor(carrierId: CarrierId, destination: Place, spec: JourneySpec): Draft[] {
  const carrier = CARRIERS[carrierId];
  const hubs = [...carrier.hubs, ...(spec.extraHubs ?? [])];
  const label: Draft = { status: 'LABEL_PRINTED', place: carrier.origin, message: 'Shipping label created, the parcel is being prepared' };
  const pickedUp: Draft = { status: 'CARRIER_PICKED_UP', place: carrier.origin, message: `Picked up by ${carrier.company}` };
  const transit: Draft[] = hubs.map((place) => ({
    status: 'IN_TRANSIT', place, message: `Arrived at the ${carrier.company} sorting centre in ${place.city}`,
  }));
  const office: Draft = { status: 'IN_TRANSIT', place: destination, message: `Arrived at the delivery office in ${destination.city}` };
  const outForDelivery: Draft = { status: 'OUT_FOR_DELIVERY', place: destination, message: 'Out for delivery' };
  const attempted: Draft = {
    status: 'ATTEMPTED_DELIVERY', place: destination,
    message: `Delivery attempted, nobody was home. Notice left: the parcel can be collected at the ${destination.city} post office for 15 days`,
  };
  switch (spec.stage) {
    case 'untracked': return [];
    case 'label': return [label];
    case 'in-transit': return [label, pickedUp, ...transit];
    case 'delayed': {
      const last = hubs[hubs.length - 1] ?? carrier.origin;
      return [label, pickedUp, ...transit,
        { status: 'DELAYED', place: last, message: 'Delayed: the parcel missed its connection and will leave on the next transport' }];
    }
    case 'out-for-delivery': return [label, pickedUp, ...transit, office, outForDelivery];
    case 'delivered':
      return [label, pickedUp, ...transit, office, outForDelivery,
        { status: 'DELIVERED', place: destination, message: carrier.deliveredMessage }];
    case 'attempted': return [label, pickedUp, ...transit, office, outForDelivery, attempted];
    case 'failed':
      return [label, pickedUp, ...transit, office, outForDelivery, attempted,
        { status: 'FAILURE', place: destination, message: 'Not collected in time: the parcel is being returned to the sender' }];
  }
}

/**
 * Spreads scans evenly between the label and the delivery round; after the round, outcomes follow
 * four hours apart, except a return to sender, which comes after the 15 days of keeping.
 */
function timesFor(drafts: Draft[], shippedAt: number, lastAt: number): number[] {
  const n = drafts.length;
  const times = new Array<number>(n).fill(lastAt);
  const round = drafts.findIndex((d) => d.status === 'OUT_FOR_DELIVERY');
  let spreadEnd = n - 1;
  if (round >= 0 && round < n - 1) {
    for (let i = n - 2; i >= round; i -= 1) {
      const gap = drafts[i + 1]?.status === 'FAILURE' ? 360 * HOUR : 4 * HOUR;
      times[i] = (times[i + 1] ?? lastAt) - gap;
    }
    spreadEnd = round;
  }
  const endAt = times[spreadEnd] ?? lastAt;
  for (let i = 0; i < spreadEnd; i += 1) times[i] = shippedAt + ((endAt - shippedAt) * i) / spreadEnd;
  return times.map((t) => Math.round(t / 60_000) * 60_000);
}

const iso = isoTime;

/** A carrier scan as a `FulfillmentEvent`, recorded by Shopify two minutes after it happened. */
export function toFulfillmentEvent(nextId: IdSequence, draft: Draft, happenedAtMs: number, estimatedDeliveryAt: string | null): GqlObject {
  return {
    __typename: 'FulfillmentEvent',
    id: nextId('FulfillmentEvent'),
    status: draft.status,
    happenedAt: iso(happenedAtMs),
    createdAt: iso(happenedAtMs + 2 * 60_000),
    message: draft.message,
    address1: null,
    city: draft.place.city,
    province: draft.place.province,
    country: draft.place.country,
    zip: draft.place.zip,
    latitude: null,
    longitude: null,
    estimatedDeliveryAt,
  };
}

/** Turns a parcel's progress into `FulfillmentEvent`s and the dates Shopify derives from them. */
export function buildJourney(carrierId: CarrierId | null, destination: Place, spec: JourneySpec, now: Date, nextId: IdSequence): Journey {
  const nowMs = now.getTime();
  const shippedAt = nowMs - spec.shippedHoursAgo * HOUR;
  const lastAt = nowMs - (spec.lastEventHoursAgo ?? 2) * HOUR;
  const drafts = carrierId ? draftsFor(carrierId, destination, spec) : [];
  const times = timesFor(drafts, shippedAt, lastAt);
  const lastTime = times[times.length - 1] ?? shippedAt;
  const deliveredIndex = drafts.findIndex((d) => d.status === 'DELIVERED');
  const roundIndex = drafts.findIndex((d) => d.status === 'OUT_FOR_DELIVERY');
  const stillMoving = ['label', 'in-transit', 'delayed', 'out-for-delivery'].includes(spec.stage);
  let finalEta = nowMs + (spec.etaHoursFromNow ?? ETA_DEFAULTS[spec.stage] ?? 24) * HOUR;
  if (deliveredIndex >= 0) finalEta = (times[deliveredIndex] ?? lastAt) + 3 * HOUR;
  else if (!stillMoving && roundIndex >= 0) finalEta = (times[roundIndex] ?? lastAt) + 6 * HOUR;
  const delayedIndex = drafts.findIndex((d) => d.status === 'DELAYED');
  const eta = (i: number) => {
    const status = drafts[i]?.status;
    if (status !== 'IN_TRANSIT' && status !== 'OUT_FOR_DELIVERY' && status !== 'DELAYED') return null;
    // Before a delay, the carrier still promised the earlier date.
    return iso(delayedIndex >= 0 && i < delayedIndex ? finalEta - 24 * HOUR : finalEta);
  };
  const events = drafts.map((draft, i) => toFulfillmentEvent(nextId, draft, times[i] ?? lastAt, eta(i)));
  const firstTransit = drafts.findIndex((d) => d.status === 'IN_TRANSIT');
  return {
    events,
    displayStatus: drafts[drafts.length - 1]?.status ?? 'FULFILLED',
    createdAt: iso(shippedAt),
    updatedAt: iso(drafts.length ? lastTime : shippedAt),
    inTransitAt: firstTransit >= 0 ? iso(times[firstTransit] ?? shippedAt) : null,
    deliveredAt: deliveredIndex >= 0 ? iso(times[deliveredIndex] ?? lastAt) : null,
    estimatedDeliveryAt: carrierId ? iso(finalEta) : null,
  };
}
