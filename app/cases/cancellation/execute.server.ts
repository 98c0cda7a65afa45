import type { CancelOrderResult } from '~/cancellations/ports';
import type { CaseOf } from '~/cases/case-store';
import type { CaseExecutor, ExecuteDeps } from '~/cases/kind';
import { log } from '~/utils/log.server';
import { isUpstreamError, UpstreamError } from '~/utils/upstream-error';
import { holdShipping, releaseShipping } from './shipping-hold.server';
import { ITEMS_CANCELLED_EVENT } from './events';

type Case = CaseOf<'cancellation'>;

/** Logged before each call to `orderCancel`: a later attempt knows an earlier one may be running. */
export const CANCEL_SENT_EVENT = 'shopify.cancel_sent';

/** Shopify keeps at most 255 characters of a cancellation's staff note. */
const STAFF_NOTE_MAX = 255;

/**
 * `[C-7KQ2M9XA] Cancelled by the shopper from Comptoir (changed_mind)`: for the store's staff, in
 * Shopify (the cancellation's staff note, or the refund's note for some items). The case id in it
 * is also how a retried refund finds the one an earlier attempt made.
 */
export const toStaffNote = (found: Case) =>
  `[${found.id}] ${found.details.scope === 'items' ? 'Items cancelled' : 'Cancelled'} by the shopper from Comptoir (${found.details.reasonId})`.slice(0, STAFF_NOTE_MAX);

/**
 * How a cancellation is carried out in Shopify (the `shopify.execute-case` job, and the shopper's
 * own request first, so the page can say at once that the order is cancelled):
 * - a case the policy left to the team first holds the order's shipping in Shopify (a fulfillment
 *   hold, shipping-hold.server.ts), then moves received → needs_review, and waits for a person;
 *   declined (the agent page queues this job again) or ended with the order still there, the hold
 *   is released;
 * - otherwise (received at once, or approved by an agent) `orderCancel` with the policy's refund
 *   method, restock and notification, its job polled to completion, then → completed.
 *
 * Never twice: Shopify refuses a second `orderCancel`. A refusal after an earlier attempt whose
 * answer was lost reads the order: cancelled means done (`already`); still being cancelled is
 * thrown as retryable, so the queue comes back once Shopify's job has finished. Any other refusal
 * (shipped meanwhile, no refund permission) goes to the team with Shopify's codes; an outage is
 * thrown for the queue's backoff, and after the last attempt the case goes to the team too.
 */
export function createCancellationExecutor(deps: ExecuteDeps): CaseExecutor<Case> {
  const { cases } = deps;
  const event = (type: string, actor: 'system' | 'store', data: Record<string, string | string[] | boolean | null> = {}) => ({ at: deps.clock(), type, actor, data });

  /**
   * Some items only: Shopify has no `orderCancel` for part of an order; refunding units not yet
   * shipped takes them off it (restock type CANCEL puts them back in stock, NO_RESTOCK does not).
   * Shopify works the amount out for the lines, taxes included. The refund's note names the case,
   * which is how a retry after a lost answer finds it made (`already`) instead of refunding twice.
   */
  async function cancelItems(found: Case, from: 'received' | 'approved'): Promise<void> {
    // A composition without refunds is a wiring bug: thrown, so the job is retried, then parked.
    if (!deps.refunds) throw new Error('cancelling some items needs the refunds port');
    const { details } = found;
    const result = await deps.refunds.refund({
      orderId: found.orderId,
      lines: details.lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, restockType: details.restock ? 'CANCEL' : 'NO_RESTOCK' })),
      amount: null,
      method: details.refund.method === 'store_credit' ? 'store_credit' : 'original_payment',
      note: toStaffNote(found),
      notify: details.notifyCustomer,
    });
    if (!result.ok) {
      await cases.transition(found.id, from, 'needs_review', event('store_refused', 'store', { codes: [result.code], messages: [result.message] }));
      return;
    }
    const refund = `${result.amount.amount} ${result.amount.currencyCode}`;
    await cases.advance(found.id, from, [{ to: 'completed', event: event(ITEMS_CANCELLED_EVENT, 'store', { refundId: result.refundId, already: result.already, refund, method: details.refund.method }) }], []);
  }

  async function cancel(found: Case, from: 'received' | 'approved'): Promise<void> {
    if (found.details.scope === 'items') return cancelItems(found, from);
    const sentBefore = (await cases.listEvents(found.id)).some((e) => e.type === CANCEL_SENT_EVENT);
    await cases.appendEvent(found.id, event(CANCEL_SENT_EVENT, 'system'));
    const { details } = found;
    const result: CancelOrderResult = await deps.orderCancel.cancelOrder({
      orderId: found.orderId, reason: 'CUSTOMER', restock: details.restock, notifyCustomer: details.notifyCustomer,
      refundMethod: details.refund.method, staffNote: toStaffNote(found),
    });
    if (result.ok) {
      const refund = details.refund.amount ? `${details.refund.amount.amount} ${details.refund.amount.currencyCode}` : null;
      await cases.advance(found.id, from, [{ to: 'completed', event: event('order_cancelled', 'store', { cancelledAt: result.cancelledAt, already: result.already, refund, method: details.refund.method }) }], []);
      return;
    }
    const codes = result.errors.map((error) => error.code ?? 'UNKNOWN');
    // Our earlier call's job may still be running: Shopify says INVALID until it ends.
    if (sentBefore && codes.every((code) => code === 'INVALID')) throw new UpstreamError({ service: 'shopify', status: 200, code: 'CANCEL_PENDING', retryable: true });
    await cases.transition(found.id, from, 'needs_review', event('store_refused', 'store', { codes, messages: result.errors.map((error) => error.message) }));
  }

  return {
    async run(found) {
      if (found.state === 'received' && found.details.mode === 'review') {
        await holdShipping(deps, found);
        await cases.transition(found.id, 'received', 'needs_review', event('awaiting_review', 'system', { reasons: found.details.reviewReasons.map((reason) => reason.key) }));
        return;
      }
      if (found.state === 'received' || found.state === 'approved') await cancel(found, found.state);
      // Anything else was decided already: a re-driven job only releases a hold the case no longer needs.
      await releaseShipping(deps, found.id);
    },
    async giveUp(found, error) {
      const code = isUpstreamError(error) ? error.code : 'INTERNAL';
      const current = await cases.getCase(found.id);
      const from = current?.state;
      const moved = from === 'received' || from === 'approved'
        ? await cases.transition(found.id, from, 'needs_review', event('store_unreachable', 'system', { code }))
        : null;
      log.error('jobs.cancel_order.gave_up', { caseId: found.id, code, handedOver: moved?.ok ?? false });
      return { code, status: isUpstreamError(error) ? error.status : null };
    },
  };
}
