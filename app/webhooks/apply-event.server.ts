import type { Case, CaseStore, NewCaseEvent } from '~/cases/case-store';
import { isCaseOf } from '~/cases/case-kind-guards';
import { kindOf } from '~/cases/kinds';
import type { ShopifyReturns } from '~/cases/ports';
import { toCancellationMove } from '~/cases/cancellation/order-news';
import { hasExchange, mayBeNewsFor, toBalancePaidEvent, toExchangeParcelEvents } from '~/cases/return/exchange-progress';
import { log } from '~/utils/log.server';
import { toJobsOnReaching } from '~/labels/label-jobs';
import { pathForward, type CaseState } from '~/cases/case-state';
import type { ShopifyEvent } from './shopify-events';

export type ApplyEventDeps = {
  cases: Pick<CaseStore, 'findCaseByShopifyReturnId' | 'getCase' | 'advance' | 'listCasesForOrder' | 'listEvents' | 'appendEvent' | 'transition'>;
  /**
   * Finds the returns Shopify holds for a case, with the order line items their exchanges became:
   * how a parcel of the order is known to carry a case's new item. Without it, parcels are not followed.
   */
  caseReturns?: Pick<ShopifyReturns, 'findReturnsForCase'> | undefined;
  /** Drops the order from this process's cache, so the next read (case page, ticket note) is fresh. */
  invalidateOrder(orderId: string): void;
  /** Asks the helpdesk to post the case's new events on its ticket; absent without a helpdesk. */
  requestHelpdeskSync?: ((caseId: string) => Promise<void>) | undefined;
  clock: () => Date;
};

export type ApplyResult =
  | { status: 'moved'; caseId: string; states: CaseState[] }
  /** A case was found but is already there or past it: a replay or a late delivery. */
  | { status: 'unchanged'; caseId: string }
  /** Exchanges' news (a new item shipped or delivered, a difference paid) logged on these cases, which keep their state. */
  | { status: 'noted'; caseIds: string[] }
  /** Nothing of ours: an order's cache dropped at most. */
  | { status: 'no_case' };

/** The event logged on reaching each state from a store event; the shopper's timeline shows them. */
export const EVENT_FOR: Partial<Record<CaseState, string>> = {
  submitted_to_store: 'submitted_to_store',
  approved: 'approved_by_store',
  declined: 'declined_by_store',
  received_by_store: 'return_closed',
  refunded: 'refunded_by_store',
};

/** Where a store event puts a case; null when it says nothing about the case's state. */
export function toTarget(event: ShopifyEvent, found: Case): CaseState | null {
  if (event.kind === 'refund_created') return 'refunded';
  if (event.kind !== 'return_changed') return null;
  switch (event.status) {
    // Our own request, answered by Shopify: the submission worker records it, with the return's id.
    case 'requested':
      return null;
    case 'approved':
      return 'approved';
    // Lines the policy approved are already in an open return: the case goes on for those.
    case 'declined':
      return isCaseOf(found, 'return') && found.details.lines.some((line) => line.decision === 'approved') ? 'approved' : 'declined';
    // Shopify closes a return once every item is processed (received, restocked or refunded).
    case 'closed':
      return 'received_by_store';
  }
}

/**
 * Applies one Shopify event: drops the order's cached copy, then moves the case the event is about
 * forward to the state it reports, one allowed step at a time, logging each step (actor `store`:
 * an agent or the merchant acted in Shopify). A case already at or past that state is left alone,
 * so replays and late deliveries are harmless. The helpdesk is asked to catch up after a move.
 */
export async function applyShopifyEvent(deps: ApplyEventDeps, event: ShopifyEvent, source: { topic: string }): Promise<ApplyResult> {
  if (event.orderId) deps.invalidateOrder(event.orderId);
  if (event.kind === 'order_changed' || event.kind === 'fulfillment_changed') {
    const settled = await settleCancellations(deps, event);
    const noted = await noteExchanges(deps, event);
    return settled.length && noted.status === 'no_case' ? { status: 'moved', caseId: settled[0]!, states: ['completed'] } : noted;
  }
  const returnId = event.returnId;
  let found = returnId ? await deps.cases.findCaseByShopifyReturnId(returnId) : null;
  if (!found) return { status: 'no_case' };
  deps.invalidateOrder(found.orderId);
  const target = toTarget(event, found);
  const moved: CaseState[] = [];
  // A concurrent writer (the submission worker) may move the case under us: re-read and go on.
  for (let attempt = 0; target && attempt < 3; attempt++) {
    const path = pathForward(found.kind, found.state, target);
    if (!path?.length) break;
    let stale = false;
    for (const to of path) {
      // A step into `approved` queues the label request in its own transaction.
      const caseEvent = toCaseEvent(deps.clock(), to, event, source.topic, to === target, found);
      const result = await deps.cases.advance(found.id, found.state, [{ to, event: caseEvent }], toJobsOnReaching(found, to));
      if (!result.ok) {
        stale = result.reason === 'stale';
        break;
      }
      found = result.case;
      moved.push(to);
    }
    if (!stale) break;
    const reread = await deps.cases.getCase(found.id);
    if (!reread) break;
    found = reread;
  }
  if (moved.length === 0) return { status: 'unchanged', caseId: found.id };
  await deps.requestHelpdeskSync?.(found.id);
  return { status: 'moved', caseId: found.id, states: moved };
}

function toCaseEvent(at: Date, to: CaseState, event: ShopifyEvent, topic: string, last: boolean, found: Case): NewCaseEvent {
  const data: Record<string, string> = { topic };
  if (event.kind === 'return_changed' || event.kind === 'refund_created') {
    if (event.returnId) data['shopifyReturnId'] = event.returnId;
  }
  const declined = last && event.kind === 'return_changed' && event.decline;
  if (declined) {
    data['declineReason'] = declined.reason;
    if (declined.note) data['declineNote'] = declined.note;
  }
  // A decline that leaves the policy-approved lines going on is logged as the decline itself.
  // Shopify's actual refund, beside the estimate the shopper was quoted (the note shows a difference).
  if (to === 'refunded' && event.kind === 'refund_created' && event.refund) {
    const estimate = kindOf(found).summary(found).estimatedRefund;
    return { at, type: 'refund_issued', actor: 'store', data: { ...data, amount: event.refund.amount, method: event.refund.method, estimate } };
  }
  const type = declined ? 'declined_by_store' : (EVENT_FOR[to] ?? to);
  return { at, type, actor: 'store', data };
}

/**
 * The order cancelled, or a parcel sent, while the team was checking a cancellation: the case is
 * done either way (toCancellationMove). Returns the ids of the cases moved.
 */
async function settleCancellations(deps: ApplyEventDeps, event: Extract<ShopifyEvent, { kind: 'order_changed' | 'fulfillment_changed' }>): Promise<string[]> {
  const news = { cancelledAt: event.kind === 'order_changed' ? event.cancelledAt ?? null : null, shipped: event.kind === 'fulfillment_changed' };
  if (!news.cancelledAt && !news.shipped) return [];
  const moved: string[] = [];
  for (const found of await deps.cases.listCasesForOrder(event.orderId)) {
    const move = found.kind === 'cancellation' ? toCancellationMove(found.state, news, deps.clock()) : null;
    if (!move) continue;
    const result = await deps.cases.transition(found.id, found.state, move.to, move.event);
    if (!result.ok) continue;
    moved.push(found.id);
    await deps.requestHelpdeskSync?.(found.id);
  }
  return moved;
}

/**
 * An order's change or parcel, as news for its exchanges: a parcel carrying a case's new item is
 * logged as shipped (then delivered); a balance back to zero after an exchange's invoice, as paid.
 * Only the order's cases with an exchange are read, and Shopify is asked (one call per case) which
 * order line items each exchange became only when a parcel could still add to that case's log.
 */
async function noteExchanges(deps: ApplyEventDeps, event: Extract<ShopifyEvent, { kind: 'order_changed' | 'fulfillment_changed' }>): Promise<ApplyResult> {
  const balanceDue = event.kind === 'order_changed' ? event.balanceDue : null;
  if (event.kind === 'order_changed' && !balanceDue) return { status: 'no_case' };
  if (event.kind === 'fulfillment_changed' && !deps.caseReturns) return { status: 'no_case' };
  const exchanging = (await deps.cases.listCasesForOrder(event.orderId)).filter(hasExchange);
  const noted: string[] = [];
  for (const found of exchanging) {
    const events = await deps.cases.listEvents(found.id);
    let added: NewCaseEvent[];
    if (event.kind === 'fulfillment_changed') {
      // A replay, or a parcel already logged as far as it goes: no need to ask Shopify.
      if (!mayBeNewsFor(events, event)) continue;
      const returns = await deps.caseReturns!.findReturnsForCase(found.orderId, found.id);
      added = toExchangeParcelEvents(events, returns.flatMap((ret) => ret.exchangeLineItemIds), event, deps.clock());
    } else {
      const paid = toBalancePaidEvent(events, balanceDue!, deps.clock());
      added = paid ? [paid] : [];
    }
    for (const caseEvent of added) await deps.cases.appendEvent(found.id, caseEvent);
    if (added.length === 0) continue;
    noted.push(found.id);
    log.info('webhooks.exchange_noted', { caseId: found.id, events: added.map((caseEvent) => caseEvent.type).join(' ') });
    await deps.requestHelpdeskSync?.(found.id);
  }
  return noted.length ? { status: 'noted', caseIds: noted } : { status: 'no_case' };
}
