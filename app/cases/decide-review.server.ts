import { toJobsOnPath } from '~/labels/label-jobs';
import { EVENT_FOR, toTarget } from '~/webhooks/apply-event.server';
import type { ShopifyEvent } from '~/webhooks/shopify-events';
import { SHOPIFY_EXECUTE_CASE } from '~/jobs/job-names';
import { toReviewStatus } from './agent-review';
import { kindOf } from './kinds';
import type { Case, CaseJob, CaseStore, NewCaseEvent } from './case-store';
import { pathForward } from './case-state';
import type { ReturnDecisions, ReviewDecision } from './review-ports';

export type DecideReviewDeps = {
  cases: Pick<CaseStore, 'getCase' | 'listEvents' | 'advance'>;
  decisions: ReturnDecisions;
  /** Drops the order's cached copy: its return changed. */
  invalidateOrder(orderId: string): void;
  /** Jobs queued with the move, in its transaction: the helpdesk sync (none without a helpdesk). */
  followUpJobs(caseId: string): CaseJob[];
  clock: () => Date;
};

export type DecideReviewResult =
  | { status: 'decided'; case: Case }
  /** Decided before: a second click, another agent, or someone in Shopify's admin. Nothing was changed. */
  | { status: 'already_decided' }
  /** Nothing here to decide (see toReviewStatus). */
  | { status: 'not_reviewable' }
  /** Shopify refused for another reason; its codes, for the log and the agent. */
  | { status: 'refused'; codes: string[] }
  | { status: 'unknown_case' };

/**
 * An agent approves or declines a case's return request from the agent page: the decision is
 * executed in Shopify first (`returnApproveRequest` / `returnDeclineRequest`), then the case moves
 * along the very path Shopify's webhook for that change would take it (toTarget, pathForward), with
 * events by `agent` from `agent_page`, and the helpdesk sync is queued in the same transaction.
 * The webhook that follows finds the case already there and changes nothing.
 *
 * Twice at once (a double click): Shopify takes the first; the second finds the case decided, or
 * gets INVALID_STATE from Shopify, and is `already_decided`.
 * @throws UpstreamError when Shopify cannot be reached: nothing was decided.
 */
export async function decideReview(deps: DecideReviewDeps, caseId: string, decision: ReviewDecision, agentName: string | null): Promise<DecideReviewResult> {
  const found = await deps.cases.getCase(caseId);
  if (!found) return { status: 'unknown_case' };
  const review = toReviewStatus(found, await deps.cases.listEvents(caseId));
  if (review.status === 'decided') return { status: 'already_decided' };
  if (review.status === 'none') return { status: 'not_reviewable' };
  if (kindOf(found).review === 'portal') return decideHere(deps, found, decision, agentName);
  const returnId = review.returnId!;
  const answer = decision.kind === 'approve'
    ? await deps.decisions.approveRequest(returnId)
    : await deps.decisions.declineRequest(returnId, decision.reason, decision.note);
  deps.invalidateOrder(found.orderId);
  if (!answer.ok) {
    const codes = answer.errors.map((error) => error.code ?? 'UNKNOWN');
    // Not REQUESTED any more: decided elsewhere in the meantime; its webhook will move the case.
    return codes.includes('INVALID_STATE') ? { status: 'already_decided' } : { status: 'refused', codes };
  }
  const event: ShopifyEvent = {
    kind: 'return_changed', returnId, orderId: found.orderId,
    status: decision.kind === 'approve' ? 'approved' : 'declined',
    decline: decision.kind === 'decline' ? { reason: decision.reason, note: decision.note } : null,
  };
  let current = found;
  for (let attempt = 0; attempt < 3; attempt++) {
    const target = toTarget(event, current);
    const path = target ? pathForward(current.kind, current.state, target) : null;
    // Already there: the webhook of this very change was applied first.
    if (!path?.length) return { status: 'decided', case: current };
    const steps = path.map((to) => ({ to, event: toAgentEvent(deps.clock(), to, to === target, returnId, decision, agentName) }));
    const moved = await deps.cases.advance(current.id, current.state, steps, [...deps.followUpJobs(current.id), ...toJobsOnPath(current, path)]);
    if (moved.ok) return { status: 'decided', case: moved.case };
    const reread = moved.reason === 'stale' ? await deps.cases.getCase(current.id) : null;
    if (!reread) break;
    current = reread;
  }
  return { status: 'decided', case: current };
}

/**
 * A kind decided on the agent page (a cancellation): approved, the case moves to `approved` and its
 * executor's job is queued in the same write (it carries the request out in Shopify, then the case
 * completes); declined, it ends there with the agent's note for the shopper, and the executor's job
 * is queued too, to undo what the review held in Shopify (a cancellation's shipping hold). A second
 * click finds the case out of review: `already_decided`.
 */
async function decideHere(deps: DecideReviewDeps, found: Case, decision: ReviewDecision, agentName: string | null): Promise<DecideReviewResult> {
  const data: Record<string, string> = { via: 'agent_page' };
  if (agentName) data['agentName'] = agentName;
  const at = deps.clock();
  const moved = decision.kind === 'approve'
    ? await deps.cases.advance(found.id, 'needs_review', [{ to: 'approved', event: { at, type: 'approved_by_store', actor: 'agent', data } }], [
      { name: SHOPIFY_EXECUTE_CASE, data: { caseId: found.id }, singletonKey: `${found.id}:${SHOPIFY_EXECUTE_CASE}:approved` },
      ...deps.followUpJobs(found.id),
    ])
    : await deps.cases.advance(found.id, 'needs_review', [{
      to: 'declined',
      event: { at, type: 'declined_by_store', actor: 'agent', data: { ...data, declineReason: decision.reason, ...(decision.note ? { declineNote: decision.note } : {}) } },
    }], [{ name: SHOPIFY_EXECUTE_CASE, data: { caseId: found.id }, singletonKey: `${found.id}:${SHOPIFY_EXECUTE_CASE}:declined` }, ...deps.followUpJobs(found.id)]);
  return moved.ok ? { status: 'decided', case: moved.case } : { status: 'already_decided' };
}

function toAgentEvent(at: Date, to: Case['state'], last: boolean, returnId: string, decision: ReviewDecision, agentName: string | null): NewCaseEvent {
  const data: Record<string, string> = { via: 'agent_page', shopifyReturnId: returnId };
  if (agentName) data['agentName'] = agentName;
  const declined = last && decision.kind === 'decline';
  if (declined) {
    data['declineReason'] = decision.reason;
    if (decision.note) data['declineNote'] = decision.note;
  }
  // As the webhook logs it: a decline that leaves auto-approved lines going on is the decline itself.
  return { at, type: declined ? 'declined_by_store' : (EVENT_FOR[to] ?? to), actor: 'agent', data };
}
