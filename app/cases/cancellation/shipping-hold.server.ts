import type { CaseOf } from '~/cases/case-store';
import type { ExecuteDeps } from '~/cases/kind';
import { log } from '~/utils/log.server';

/*
 * While the team reviews a cancellation, the order's shipping is held in Shopify (a fulfillment
 * hold of the case's own), so no parcel leaves before the decision. Declined, or ended with the
 * order still there (some items only), the hold is released; cancelled, it dies with the order.
 * Each step is logged once, and a retry never holds twice: the adapter finds its own handle.
 */

type Case = CaseOf<'cancellation'>;
type HoldDeps = Pick<ExecuteDeps, 'cases' | 'fulfillmentHolds' | 'clock'>;

export const SHIPPING_HELD_EVENT = 'shipping_held';
export const SHIPPING_NOT_HELD_EVENT = 'shipping_not_held';
export const SHIPPING_RELEASED_EVENT = 'shipping_released';
export const SHIPPING_NOT_RELEASED_EVENT = 'shipping_not_released';
const ORDER_CANCELLED_EVENTS = new Set(['order_cancelled', 'order_cancelled_by_store']);

/** The hold's notes, for the store's staff in Shopify's admin (the order page shows them beside the hold). */
export const toHoldNotes = (caseId: string) => `[${caseId}] Cancellation requested from Comptoir: do not ship until the team decides`;

const event = (deps: HoldDeps, type: string, data: Record<string, string | string[] | null>) => ({ at: deps.clock(), type, actor: 'system' as const, data });

/**
 * Holds the order's shipping before the case goes to the team. Nothing to hold (a parcel is being
 * prepared, or Shopify refuses) is logged with why, and the review goes on: the hold helps, it is
 * never a condition. Without the port (a composition that has none), nothing is done.
 * @throws UpstreamError when Shopify cannot be reached: the job retries, and the retry holds once.
 */
export async function holdShipping(deps: HoldDeps, found: Case): Promise<void> {
  if (!deps.fulfillmentHolds) return;
  const events = await deps.cases.listEvents(found.id);
  // Done by an earlier attempt: holding again could undo a release the store made meanwhile.
  if (events.some((e) => e.type === SHIPPING_HELD_EVENT || e.type === SHIPPING_NOT_HELD_EVENT)) return;
  const result = await deps.fulfillmentHolds.holdOrder({ orderId: found.orderId, caseId: found.id, reasonNotes: toHoldNotes(found.id) });
  if (result.held) {
    await deps.cases.appendEvent(found.id, event(deps, SHIPPING_HELD_EVENT, { fulfillmentOrders: String(result.fulfillmentOrderIds.length) }));
    log.info('cases.cancellation.shipping_held', { caseId: found.id, fulfillmentOrders: result.fulfillmentOrderIds.length, placed: result.placed });
    return;
  }
  const messages = result.errors.map((error) => error.message);
  await deps.cases.appendEvent(found.id, event(deps, SHIPPING_NOT_HELD_EVENT, { why: result.reason, messages }));
  log.warn('cases.cancellation.shipping_not_held', { caseId: found.id, why: result.reason, codes: result.errors.map((error) => error.code ?? 'UNKNOWN').join(',') });
}

/**
 * Releases the case's hold once the case has ended without the order being cancelled (declined by
 * the team, or some items only cancelled). A refusal is logged for an agent to release it in Shopify.
 * @throws UpstreamError when Shopify cannot be reached: the job retries.
 */
export async function releaseShipping(deps: HoldDeps, caseId: string): Promise<void> {
  if (!deps.fulfillmentHolds) return;
  const found = await deps.cases.getCase(caseId);
  if (!found || (found.state !== 'completed' && found.state !== 'declined')) return;
  const events = await deps.cases.listEvents(caseId);
  const has = (type: string) => events.some((e) => e.type === type);
  if (!has(SHIPPING_HELD_EVENT) || has(SHIPPING_RELEASED_EVENT) || has(SHIPPING_NOT_RELEASED_EVENT) || events.some((e) => ORDER_CANCELLED_EVENTS.has(e.type))) return;
  const result = await deps.fulfillmentHolds.releaseOrder({ orderId: found.orderId, caseId });
  if (result.errors.length) {
    await deps.cases.appendEvent(caseId, event(deps, SHIPPING_NOT_RELEASED_EVENT, { messages: result.errors.map((error) => error.message) }));
    log.warn('cases.cancellation.shipping_not_released', { caseId, codes: result.errors.map((error) => error.code ?? 'UNKNOWN').join(',') });
    return;
  }
  await deps.cases.appendEvent(caseId, event(deps, SHIPPING_RELEASED_EVENT, { fulfillmentOrders: String(result.released.length) }));
  log.info('cases.cancellation.shipping_released', { caseId, fulfillmentOrders: result.released.length });
}
