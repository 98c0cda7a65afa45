import { z } from 'zod';
import { toAgentCaseView, type AgentCaseView } from '~/cases/agent-case-view';
import { toAgentName } from '~/cases/agent-review';
import { decideReview, type DecideReviewDeps } from '~/cases/decide-review.server';
import type { ReviewDecision } from '~/cases/review-ports';
import { ticketUrlFor } from '~/helpdesk/ticket-url.server';
import type { Language } from '~/i18n';
import { DECLINE_NOTE_MAX } from '~/integrations/shopify/return-decisions.server';
import { GORGIAS_SYNC_CASE, toGorgiasSyncKey } from '~/jobs/job-names';
import type { Order } from '~/orders/types';
import { signPhotoUrl } from '~/photos/signed-url.server';
import type { Services } from '~/services.server';
import { readAgentLinkToken, type AgentLinkCheck } from '~/session/agent-link.server';
import { log } from '~/utils/log.server';
import { DECLINE_REASONS } from '~/webhooks/shopify-events';

/** The two forms of the agent page; messages are i18n keys. */
const AgentNameSchema = z.string().max(80, 'agent:errors.agentNameTooLong').optional();
export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), agentName: AgentNameSchema }),
  z.object({
    intent: z.literal('decline'),
    agentName: AgentNameSchema,
    declineReason: z.enum(DECLINE_REASONS, 'agent:errors.declineReasonRequired'),
    declineNote: z.string().max(DECLINE_NOTE_MAX, 'agent:errors.declineNoteTooLong').optional(),
  }),
], { error: 'agent:errors.intent' });
export type DecisionForm = z.infer<typeof DecisionSchema>;

/** The link's claims, when it opens a case that exists; `invalid` hides whether a case id was ever real. */
export async function openAgentLink(services: Services, token: string): Promise<AgentLinkCheck> {
  const link = readAgentLinkToken(token, services.config.secret, services.clock());
  if (!link.ok) return link;
  return (await services.cases.getCase(link.claims.caseId)) ? link : { ok: false, reason: 'invalid' };
}

/** The agent page's view; the order is read through the cache, and its absence does not hide the case. */
export async function loadAgentCaseView(services: Services, request: Request, caseId: string, linkExpiresAt: Date, language: Language): Promise<AgentCaseView | null> {
  const found = await services.cases.getCase(caseId);
  if (!found) return null;
  const [events, order] = await Promise.all([services.cases.listEvents(caseId), readOrder(services, found.orderId)]);
  const portalUrl = services.config.publicUrl ?? new URL(request.url).origin;
  const ticketId = found.providerRefs.gorgiasTicketId;
  return toAgentCaseView(found, events, order, {
    policy: services.policy,
    language,
    shopDomain: services.config.shopify.shopDomain,
    ticketUrl: ticketId ? ticketUrlFor(services.config, portalUrl)(ticketId) : null,
    // Valid as long as the page's link: the agent has no shopper session to see them with.
    signPhoto: (key) => signPhotoUrl({ caseId, key, expiresAt: linkExpiresAt }, services.config.secret),
  });
}

async function readOrder(services: Services, orderId: string): Promise<Order | null> {
  try {
    return await services.orders.getOrder(orderId);
  } catch (error) {
    log.warn('agent_page.order_unreadable', { message: (error as Error).message });
    return null;
  }
}

export function toReviewDecision(form: DecisionForm): ReviewDecision {
  if (form.intent === 'approve') return { kind: 'approve' };
  const note = form.declineNote?.trim();
  return { kind: 'decline', reason: form.declineReason, note: note ? note : null };
}

/** Executes the decision in Shopify and moves the case; the ticket's sync is queued with the move. */
export function decideFromAgentPage(services: Services, caseId: string, form: DecisionForm) {
  const deps: DecideReviewDeps = {
    cases: services.cases,
    decisions: services.returnDecisions,
    invalidateOrder: services.webhooks.invalidateOrder,
    followUpJobs: (id) => (services.helpdesk ? [{ name: GORGIAS_SYNC_CASE, data: { caseId: id }, singletonKey: toGorgiasSyncKey(id) }] : []),
    clock: services.clock,
  };
  return decideReview(deps, caseId, toReviewDecision(form), toAgentName(form.agentName));
}
