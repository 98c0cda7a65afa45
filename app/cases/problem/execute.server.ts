import type { CaseOf } from '~/cases/case-store';
import type { CaseExecutor, ExecuteDeps } from '~/cases/kind';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';

type Case = CaseOf<'problem'>;

/**
 * How a problem report is carried out (the `shopify.execute-case` job). Nothing is sent to
 * Shopify: a reship, refund or credit is the agent's to make there, from the ticket's note. So the
 * executor only settles the policy's verdict: an offer for `review` → needs_review (the team
 * decides), any other → approved, its event naming the offer. Each state moves once, so a
 * re-driven job changes nothing.
 */
export function createProblemExecutor(deps: ExecuteDeps): CaseExecutor<Case> {
  const { cases } = deps;
  return {
    async run(found) {
      if (found.state !== 'received') return;
      const { offer } = found.details;
      if (offer.outcome === 'review') {
        await cases.transition(found.id, 'received', 'needs_review', {
          at: deps.clock(), type: 'awaiting_review', actor: 'system', data: { reasons: offer.reviewReasons.map((reason) => reason.key) },
        });
        return;
      }
      const amount = offer.amount ? `${offer.amount.amount} ${offer.amount.currencyCode}` : null;
      await cases.transition(found.id, 'received', 'approved', {
        at: deps.clock(), type: 'offer_approved', actor: 'system', data: { outcome: offer.outcome, amount, clauseId: offer.clauseId },
      });
    },
    async giveUp(found, error) {
      const code = isUpstreamError(error) ? error.code : 'INTERNAL';
      log.error('jobs.problem.gave_up', { caseId: found.id, code });
      return { code, status: isUpstreamError(error) ? error.status : null };
    },
  };
}
