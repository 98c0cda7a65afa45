import type { z } from 'zod';
import { PARCEL_EVENT_DATA, type ParcelEventType } from '~/labels/parcel-events';
import type { Money } from '~/orders/types';
import type { CaseEvent } from '../case-store';
import type { CaseState } from '../case-state';

/*
 * "How to send it back", and the return parcel's way to the refund, as the shopper's case page
 * shows them: read from the case's events (app/labels/parcel-events.ts), never from a provider
 * at page time. Pure: the page, its test and the agent's views share it.
 */

/** What the shopper is given to send the parcel back. */
export type LabelView = {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** The printable label (PDF), opened in a new tab. */
  labelUrl: string | null;
  /** Whether a drop-off QR code can be shown (the portal serves it from its own origin). */
  hasQrCode: boolean;
  /** Where the parcel goes, as lines. */
  returnAddress: string[] | null;
  /** Last day to post it (`YYYY-MM-DD`). */
  shipBy: string | null;
  /** The provider's own page for this return. */
  portalUrl: string | null;
};

export const PROGRESS_STEPS = ['label_issued', 'in_transit', 'delivered_to_store', 'received_by_store', 'refunded'] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];

export type ReturnShippingView = {
  /**
   * What the shopper has to do, or wait for: `keep_items` (nothing to send), `preparing` (the
   * label is being made), `ready` (send it now), `on_its_way`, `delivered` (at the store's door),
   * `received` (checked; the refund follows), `done` (refunded), `cancelled`, `expired`,
   * `with_team` (the provider made no label: an agent takes over).
   */
  stage: 'keep_items' | 'preparing' | 'ready' | 'on_its_way' | 'delivered' | 'received' | 'done' | 'cancelled' | 'expired' | 'with_team';
  label: LabelView | null;
  /** The store's own return flow: the shopper tells which carrier and tracking number they used. */
  canAddTracking: boolean;
  /** The provider's own page for this return, while its label is being made there. */
  portalUrl: string | null;
  /**
   * Every step of the way back: `done` once reached, with the date it was reached. A later step
   * implies the earlier ones (a carrier may never scan a parcel in transit): those are done, undated.
   */
  progress: { step: ProgressStep; done: boolean; at: string | null }[];
  /** The refund as the store made it, and the estimate quoted before; `amount` null when only its date is known. */
  refund: { amount: Money | null; estimate: Money | null; method: 'original_payment' | 'store_credit' | null; at: string } | null;
  /** Every item is exchanged: the page speaks of the exchange, not of a refund. */
  exchangeOnly: boolean;
  /** Who makes the label: the store's own flow, or its returns provider. */
  provider: 'loop' | 'aftership' | 'store' | null;
};

/** States in which the store has accepted the return, so something may have to be sent. */
const SENDING_OR_AFTER: readonly CaseState[] = ['approved', 'label_issued', 'in_transit', 'received_by_store', 'refunded', 'return_cancelled', 'label_expired'];

type Parsed = { [T in ParcelEventType]: { type: T; at: Date; data: z.infer<(typeof PARCEL_EVENT_DATA)[T]> } }[ParcelEventType];

function parseParcelEvent(event: CaseEvent): Parsed | null {
  if (!Object.hasOwn(PARCEL_EVENT_DATA, event.type)) return null;
  const type = event.type as ParcelEventType;
  const parsed = PARCEL_EVENT_DATA[type].safeParse(event.data);
  return parsed.success ? ({ type, at: event.at, data: parsed.data } as Parsed) : null;
}

/**
 * The page's "send it back" part, or null while there is nothing to send yet (the store has not
 * accepted the return) or ever (it declined). `fallbackAddress` is the store's configured return
 * address: shown when no label carries one (a return approved before labels existed).
 */
export function toReturnShippingView(
  found: { state: CaseState; keepItems: boolean; exchangeOnly?: boolean },
  events: readonly CaseEvent[],
  fallbackAddress: string[] | null,
): ReturnShippingView | null {
  if (!SENDING_OR_AFTER.includes(found.state)) return null;
  const progress: Record<ProgressStep, string | null> = { label_issued: null, in_transit: null, delivered_to_store: null, received_by_store: null, refunded: null };
  const reach = (step: ProgressStep, at: Date) => (progress[step] ??= at.toISOString());
  let label: LabelView | null = null;
  let requested = false;
  let pendingPortal: string | null = null;
  let refused = false;
  let tracking = null as Tracking | null;
  let ownCarrier = false;
  let refund: ReturnShippingView['refund'] = null;
  let provider: ReturnShippingView['provider'] = null;

  for (const event of events) {
    // Shopify's own events about the same return (before labels, or with the store's own flow).
    if (event.type === 'return_closed') reach('received_by_store', event.at);
    if (event.type === 'refunded_by_store') refund ??= { amount: null, estimate: null, method: null, at: event.at.toISOString() };
    const parcel = parseParcelEvent(event);
    if (!parcel) continue;
    switch (parcel.type) {
      case 'label_requested':
        requested = true;
        provider = parcel.data.provider;
        break;
      case 'label_pending':
        requested = true;
        provider = parcel.data.provider;
        pendingPortal = parcel.data.portalUrl;
        break;
      case 'label_refused':
        refused = true;
        provider = parcel.data.provider;
        break;
      case 'label_issued': {
        const data = parcel.data;
        ownCarrier = data.provider === 'store';
        provider = data.provider;
        label = {
          carrier: data.carrier, trackingNumber: data.trackingNumber, trackingUrl: data.trackingUrl, labelUrl: data.labelUrl,
          hasQrCode: data.qrCodeUrl !== null, returnAddress: data.returnAddress, shipBy: data.shipBy, portalUrl: data.portalUrl,
        };
        reach('label_issued', parcel.at);
        break;
      }
      case 'tracking_added':
        tracking = parcel.data;
        reach('in_transit', parcel.at);
        break;
      case 'parcel_in_transit':
        tracking = mergeTracking(tracking, parcel.data);
        reach('in_transit', parcel.at);
        break;
      case 'parcel_delivered':
        reach('delivered_to_store', parcel.at);
        break;
      case 'return_received':
        reach('received_by_store', parcel.at);
        break;
      case 'refund_issued':
        refund = { amount: parcel.data.amount, estimate: parcel.data.estimate, method: parcel.data.method, at: parcel.at.toISOString() };
        break;
      case 'return_cancelled':
      case 'label_expired':
        break;
    }
  }
  if (refund) reach('refunded', new Date(refund.at));
  const lastReached = PROGRESS_STEPS.findLastIndex((step) => progress[step] !== null);

  // Approved and nothing heard of the label yet: its request is queued with the approval, so it is
  // being prepared. Past that state with no label on record (a label event this code cannot
  // read), the store's address is the safe thing to show.
  if (found.state === 'approved' && label === null && !refused && !found.keepItems) requested = true;
  if (label === null && fallbackAddress && !requested && !refused && !found.keepItems) {
    label = { carrier: null, trackingNumber: null, trackingUrl: null, labelUrl: null, hasQrCode: false, returnAddress: fallbackAddress, shipBy: null, portalUrl: null };
    ownCarrier = true;
  }
  if (label && tracking) label = { ...label, ...withoutNulls(tracking) };
  if (label && !label.returnAddress && ownCarrier) label = { ...label, returnAddress: fallbackAddress };

  return {
    stage: toStage(found, { label, refused, lastReached, refunded: refund !== null }),
    label: found.keepItems ? null : label,
    canAddTracking: ownCarrier && !tracking && lastReached < 1 && found.state === 'label_issued',
    portalUrl: label ? null : pendingPortal,
    provider,
    // Every item exchanged: no refund ends the way back, the store's check does.
    progress: found.keepItems ? [] : PROGRESS_STEPS.filter((step) => !(found.exchangeOnly && step === 'refunded')).map((step, index) => ({ step, done: index <= lastReached, at: progress[step] })),
    refund,
    exchangeOnly: found.exchangeOnly ?? false,
  };

  function toStage(
    { state, keepItems }: { state: CaseState; keepItems: boolean },
    facts: { label: LabelView | null; refused: boolean; lastReached: number; refunded: boolean },
  ): ReturnShippingView['stage'] {
    if (state === 'return_cancelled') return 'cancelled';
    if (state === 'label_expired') return 'expired';
    if (keepItems) return facts.refunded ? 'done' : 'keep_items';
    if (facts.refunded) return 'done';
    if (facts.lastReached >= 3) return 'received';
    if (facts.lastReached === 2) return 'delivered';
    if (facts.lastReached === 1) return 'on_its_way';
    if (facts.label) return 'ready';
    return facts.refused ? 'with_team' : 'preparing';
  }
}

type Tracking = { carrier: string | null; trackingNumber: string | null; trackingUrl: string | null };

/** What a scan adds to what was known: a field it leaves out keeps its earlier value. */
const mergeTracking = (known: Tracking | null, scan: Partial<Tracking>): Tracking => ({
  carrier: scan.carrier ?? known?.carrier ?? null,
  trackingNumber: scan.trackingNumber ?? known?.trackingNumber ?? null,
  trackingUrl: scan.trackingUrl ?? known?.trackingUrl ?? null,
});

const withoutNulls = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null)) as Partial<T>;
