import type { CaseOf } from '~/cases/case-store';
import type { CaseExecutor, ExecuteDeps } from '~/cases/kind';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { toAddressLine } from './address-text';
import { findTooLate } from './too-late';

type Case = CaseOf<'address_change'>;

/** Logged before each `orderUpdate`: the agent sees every attempt, the answer or its absence. */
export const ADDRESS_SENT_EVENT = 'shopify.address_update_sent';

/**
 * How an address change is carried out in Shopify (the shopper's own request first, so the page
 * can say at once that the address changed; the `shopify.execute-case` job behind it):
 * - the order is read again past the cache: cancelled, or started shipping since the shopper
 *   asked → needs_review, and nothing is written;
 * - otherwise `orderUpdate` with the whole new address → completed, with the address Shopify stored.
 *
 * A retry writes the same address again: harmless, never a second change. A refusal goes to the
 * team with Shopify's messages; an outage is thrown for the queue's backoff, and after the last
 * attempt the case goes to the team too.
 */
export function createAddressChangeExecutor(deps: ExecuteDeps): CaseExecutor<Case> {
  const { cases } = deps;
  const event = (type: string, actor: 'system' | 'store', data: Record<string, string | string[] | null> = {}) => ({ at: deps.clock(), type, actor, data });

  async function change(found: Case, from: 'received' | 'approved'): Promise<void> {
    if (deps.orders) {
      deps.orders.invalidate?.(found.orderId);
      const tooLate = findTooLate(await deps.orders.getOrder(found.orderId));
      if (tooLate) {
        await cases.transition(found.id, from, 'needs_review', event('order_shipped_first', 'system', { why: tooLate }));
        return;
      }
    }
    await cases.appendEvent(found.id, event(ADDRESS_SENT_EVENT, 'system'));
    const result = await deps.orderAddress.updateShippingAddress({ orderId: found.orderId, address: found.details.newAddress });
    deps.orders?.invalidate?.(found.orderId);
    if (result.ok) {
      await cases.advance(found.id, from, [{ to: 'completed', event: event('address_changed', 'store', { updatedAt: result.updatedAt, address: toAddressLine(result.address) }) }], []);
      return;
    }
    await cases.transition(found.id, from, 'needs_review', event('store_refused', 'store', {
      fields: result.errors.map((error) => error.field?.join('.') ?? ''), messages: result.errors.map((error) => error.message),
    }));
  }

  return {
    async run(found) {
      if (found.state === 'received' || found.state === 'approved') await change(found, found.state);
      // Anything else was decided already: a re-driven job leaves it alone.
    },
    async giveUp(found, error) {
      const code = isUpstreamError(error) ? error.code : 'INTERNAL';
      const from = (await cases.getCase(found.id))?.state;
      const moved = from === 'received' || from === 'approved'
        ? await cases.transition(found.id, from, 'needs_review', event('store_unreachable', 'system', { code }))
        : null;
      log.error('jobs.change_address.gave_up', { caseId: found.id, code, handedOver: moved?.ok ?? false });
      return { code, status: isUpstreamError(error) ? error.status : null };
    },
  };
}
