import { z } from 'zod';
import type { Case, CaseEvent, CaseOf, NewCaseEvent } from '../case-store';
import { LabelFactsSchema } from '~/labels/parcel-events';
import type { CaseExchange } from './details';

/*
 * What becomes of an exchange after the case is sent: the new item ships (Shopify fulfills the
 * order line items the exchange became), the carrier delivers it, and a price difference invoiced
 * to the shopper is paid. Each is one case event, logged once; the case's state stays the return's
 * (the parcel going back), so these never move it. Pure: the webhook job gives the facts.
 */

/** An exchange parcel event's data: the parcel, and its tracking as a return parcel's events keep it. */
const ParcelDataSchema = LabelFactsSchema.pick({ carrier: true, trackingNumber: true, trackingUrl: true }).extend({ fulfillmentId: z.string() });

/** The new item left the store (its parcel on the order, with tracking), then the carrier delivered it. */
type ParcelEventType = 'exchange_shipped' | 'exchange_delivered';
export type ExchangeParcelData = z.infer<typeof ParcelDataSchema>;

/** A parcel of the order, as Shopify's `fulfillments/*` webhook tells it. */
export type OrderParcel = {
  fulfillmentId: string;
  lineItemIds: readonly string[];
  tracking: { carrier: string | null; number: string | null; url: string | null };
  delivered: boolean;
};

/** A return case with an item exchanged: the only cases a parcel or a payment of the order can be news for. */
export const hasExchange = (found: Case): boolean =>
  found.kind === 'return' && found.details.lines.some((line) => line.outcome === 'exchange' && line.exchange && line.decision !== 'declined');

/** Whether the case's approved exchanges ship at `when` (the policy's `exchanges.ship`, kept on each line). */
export const shipsAt = (found: CaseOf<'return'>, when: CaseExchange['ships']): boolean =>
  found.details.lines.some((line) => line.decision === 'approved' && line.outcome === 'exchange' && line.exchange?.ships === when);

const parcelOf = (event: CaseEvent, type: ParcelEventType): ExchangeParcelData | null => {
  if (event.type !== type) return null;
  const parsed = ParcelDataSchema.safeParse(event.data);
  return parsed.success ? parsed.data : null;
};

/** What a parcel could still add to a case's log, whatever it carries: its steps not logged yet. */
function pendingSteps(events: readonly CaseEvent[], parcel: OrderParcel): ParcelEventType[] {
  const logged = (type: ParcelEventType) => events.some((event) => parcelOf(event, type)?.fulfillmentId === parcel.fulfillmentId);
  const steps: ParcelEventType[] = [];
  if (!logged('exchange_shipped')) steps.push('exchange_shipped');
  if (parcel.delivered && !logged('exchange_delivered')) steps.push('exchange_delivered');
  return steps;
}

/** Whether a parcel could be news for the case at all: not when each of its steps is logged already. */
export const mayBeNewsFor = (events: readonly CaseEvent[], parcel: OrderParcel): boolean => pendingSteps(events, parcel).length > 0;

/**
 * The events a parcel of the order adds to a case whose exchange became `exchangeLineItemIds` on
 * the order: none when the parcel carries none of them or was already logged so far; `shipped`
 * the first time; `delivered` once delivered (after `shipped`, logged too if it was missed).
 */
export function toExchangeParcelEvents(events: readonly CaseEvent[], exchangeLineItemIds: readonly string[], parcel: OrderParcel, at: Date): NewCaseEvent[] {
  if (!parcel.lineItemIds.some((id) => exchangeLineItemIds.includes(id))) return [];
  const data: ExchangeParcelData = {
    fulfillmentId: parcel.fulfillmentId, carrier: parcel.tracking.carrier, trackingNumber: parcel.tracking.number, trackingUrl: parcel.tracking.url,
  };
  return pendingSteps(events, parcel).map((type) => ({ at, type, actor: 'store', data }));
}

/**
 * The payment of an exchange's invoiced difference: logged once, when the order's balance due is
 * back to zero after Shopify sent the invoice. Null when nothing was invoiced, it is logged, or
 * the order still owes something.
 */
export function toBalancePaidEvent(events: readonly CaseEvent[], balanceDue: { amount: string }, at: Date): NewCaseEvent | null {
  if (Number(balanceDue.amount) > 0) return null;
  const invoiced = events.findLast((event) => event.type === 'exchange_invoice_sent');
  if (!invoiced || events.some((event) => event.type === 'exchange_balance_paid')) return null;
  const amounts = z.array(z.string()).catch([]).parse(invoiced.data['amounts']);
  return { at, type: 'exchange_balance_paid', actor: 'store', data: { amounts } };
}

/** The new item's way to the shopper, for the case page: the latest parcel carrying it. */
export type ExchangeParcelView = {
  stage: 'shipped' | 'delivered';
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** When it shipped, and when it was delivered (ISO). */
  shippedAt: string;
  deliveredAt: string | null;
};

export function toExchangeParcelView(events: readonly CaseEvent[]): ExchangeParcelView | null {
  const shipped = events.findLast((event) => parcelOf(event, 'exchange_shipped'));
  const data = shipped && parcelOf(shipped, 'exchange_shipped');
  if (!shipped || !data) return null;
  const delivered = events.find((event) => parcelOf(event, 'exchange_delivered')?.fulfillmentId === data.fulfillmentId);
  return {
    stage: delivered ? 'delivered' : 'shipped',
    carrier: data.carrier, trackingNumber: data.trackingNumber, trackingUrl: data.trackingUrl,
    shippedAt: shipped.at.toISOString(), deliveredAt: delivered ? delivered.at.toISOString() : null,
  };
}

export const isBalancePaid = (events: readonly CaseEvent[]) => events.some((event) => event.type === 'exchange_balance_paid');
