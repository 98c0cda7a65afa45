import type { CaseOf } from '~/cases/case-store';
import type { CaseExecutor, ExecuteDeps } from '~/cases/kind';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';

type Case = CaseOf<'problem'>;
type Carried = { ok: true; data: Record<string, string | boolean> } | { ok: false; code: string; message: string };
type Offer = { outcome: 'reship' | 'refund' | 'store_credit'; amount: { amount: string; currencyCode: string } | null };

/** What an approved case carries out: the policy's offer, or for a review the rule's own offer the team approved (none for a question). */
export function toApprovedOffer(details: Case['details']): Offer | null {
  const { offer } = details;
  return offer.outcome === 'review' ? offer.onApproval ?? null : { outcome: offer.outcome, amount: offer.amount };
}

/** What the refund or replacement says in Shopify, for the store's staff: the case first, which is also how a retry finds it. */
export const toShopifyNote = (found: Case) => `Comptoir ${found.id}: problem report (${found.details.type}), clause ${found.details.offer.clauseId}`;

const money = (amount: { amount: string; currencyCode: string }) => `${amount.amount} ${amount.currencyCode}`;

/**
 * Carries the offer out in Shopify. Each call is safe to repeat: the refund adapter finds a refund
 * whose note names the case, the reship adapter an order tagged with it.
 */
async function carryOut(deps: ExecuteDeps, found: Case, offer: Offer): Promise<Carried> {
  if (offer.outcome === 'reship') {
    if (!deps.reships) return { ok: false, code: 'NOT_CONFIGURED', message: 'No reship port in this process' };
    const lines = found.details.lines.map(({ lineItemId, quantity }) => ({ lineItemId, quantity }));
    const result = await deps.reships.reship({ orderId: found.orderId, caseId: found.id, lines, note: toShopifyNote(found) });
    return result.ok ? { ok: true, data: { outcome: 'reship', orderId: result.orderId, orderName: result.orderName, already: result.already } } : result;
  }
  if (!deps.refunds) return { ok: false, code: 'NOT_CONFIGURED', message: 'No refunds port in this process' };
  if (!offer.amount) return { ok: false, code: 'NO_AMOUNT', message: `A ${offer.outcome} offer without an amount` };
  const credit = offer.outcome === 'store_credit';
  // A refund's lines are kept (nothing comes back, so NO_RESTOCK); store credit names no line: it is money only.
  const lines = credit ? [] : found.details.lines.map(({ lineItemId, quantity }) => ({ lineItemId, quantity, restockType: 'NO_RESTOCK' as const }));
  const result = await deps.refunds.refund({
    orderId: found.orderId, lines, amount: offer.amount, method: credit ? 'store_credit' : 'original_payment', note: toShopifyNote(found), notify: true,
  });
  return result.ok ? { ok: true, data: { outcome: offer.outcome, refundId: result.refundId, amount: money(result.amount), already: result.already } } : result;
}

/**
 * How a problem report is carried out (the `shopify.execute-case` job):
 * - an offer for `review` moves received → needs_review: the team decides on the agent page, and
 *   an approval there (review: 'portal') moves it to approved and queues this job again;
 * - any other offer moves received → approved (`offer_approved`), then is carried out in Shopify:
 *   a refund to the original payment, a refund to store credit, or a free replacement order;
 *   done → completed (`offer_carried_out`, naming the refund or the new order).
 *
 * Never twice: the adapters find what an earlier attempt made (by the case id) before making it.
 * A refusal goes to the team with Shopify's reason (`store_refused` → needs_review); an outage is
 * thrown for the queue's backoff, and after the last attempt the case goes to the team too.
 */
export function createProblemExecutor(deps: ExecuteDeps): CaseExecutor<Case> {
  const { cases } = deps;
  const event = (type: string, actor: 'system' | 'store', data: Record<string, string | string[] | boolean | null> = {}) => ({ at: deps.clock(), type, actor, data });

  async function execute(found: Case): Promise<void> {
    const offer = toApprovedOffer(found.details);
    if (!offer) {
      // A review with nothing the rule would carry out (a question): the team's approval answers it.
      await cases.advance(found.id, 'approved', [{ to: 'completed', event: event('completed', 'system', { outcome: 'review' }) }], []);
      return;
    }
    const done = await carryOut(deps, found, offer);
    if (done.ok) {
      await cases.advance(found.id, 'approved', [{ to: 'completed', event: event('offer_carried_out', 'store', { ...done.data, clauseId: found.details.offer.clauseId }) }], []);
      return;
    }
    log.warn('jobs.problem.refused', { caseId: found.id, code: done.code });
    await cases.transition(found.id, 'approved', 'needs_review', event('store_refused', 'store', { outcome: offer.outcome, codes: [done.code], messages: [done.message] }));
  }

  return {
    async run(found) {
      const { offer } = found.details;
      if (found.state === 'received' && offer.outcome === 'review') {
        await cases.transition(found.id, 'received', 'needs_review', event('awaiting_review', 'system', { reasons: offer.reviewReasons.map((reason) => reason.key) }));
        return;
      }
      if (found.state === 'received') {
        const moved = await cases.transition(found.id, 'received', 'approved', event('offer_approved', 'system', {
          outcome: offer.outcome, amount: offer.amount ? money(offer.amount) : null, clauseId: offer.clauseId,
        }));
        if (!moved.ok) return;
        await execute(moved.case as Case);
        return;
      }
      if (found.state === 'approved') await execute(found);
      // Anything else was decided already: a re-driven job leaves it alone.
    },
    async giveUp(found, error) {
      const code = isUpstreamError(error) ? error.code : 'INTERNAL';
      const current = await cases.getCase(found.id);
      const moved = current?.state === 'approved' ? await cases.transition(found.id, 'approved', 'needs_review', event('store_unreachable', 'system', { code })) : null;
      log.error('jobs.problem.gave_up', { caseId: found.id, code, handedOver: moved?.ok ?? false });
      return { code, status: isUpstreamError(error) ? error.status : null };
    },
  };
}
