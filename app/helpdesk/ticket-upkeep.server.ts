import { toStoreName } from '~/brand/brand';
import type { Case, CaseEvent } from '~/cases/case-store';
import type { Order } from '~/orders/types';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { toCaseUrl, toCustomerName } from './first-note.server';
import type { HelpdeskTicket } from './ports';
import { toLabelReply, toShopperReply, type ShopperReplyInput } from './shopper-reply';
import { IssuedLabelDataSchema } from '~/labels/parcel-events';
import {
  REPLY_REFUSED_EVENT, REPLY_SENT_EVENT, REVIEW_REFUSED_EVENT, REVIEW_ROUTED_EVENT, VERDICT_TAGGED_EVENT,
  LABEL_REPLY_REFUSED_EVENT, LABEL_REPLY_SENT_EVENT, toLabelReplyExternalId, toReplyExternalId, toStaleVerdictTags, toTaggedVerdicts, toTicketTags, toVerdictTag, type VerdictTag,
} from './ticket-fields';
import type { SyncCaseDeps } from './sync-case.server';

/*
 * What a sync does to the ticket besides notes. Each step is state-based like the notes: it reads
 * the ticket and the case log, does what is missing, then logs it, so a retry after a crash at any
 * point does nothing twice that an agent would see twice.
 */

type Step = { deps: SyncCaseDeps; found: Case; events: CaseEvent[]; ticket: HelpdeskTicket };

const bookkeeping = (deps: SyncCaseDeps, type: string, data: CaseEvent['data']) => ({ at: deps.clock(), type, actor: 'system' as const, data });

/** The helpdesk turned the write down for good (bad team id, sending address…): retrying will not help. */
const isRefusal = (error: unknown) => isUpstreamError(error) && error.status !== null && [400, 403, 422].includes(error.status);

/**
 * Logs the case's current verdict tag before anything puts it on a ticket (create or add), so
 * every verdict tag the portal may have put there is on record even if it crashes right after.
 * @returns every verdict tag the case ever put (or was about to put) on its ticket.
 */
export async function recordVerdictTag(deps: SyncCaseDeps, found: Case, events: CaseEvent[]): Promise<VerdictTag[]> {
  const verdict = toVerdictTag(found);
  const tagged = toTaggedVerdicts(events);
  if (tagged.at(-1) === verdict) return tagged;
  await deps.cases.appendEvent(found.id, bookkeeping(deps, VERDICT_TAGGED_EVENT, { tag: verdict }));
  return [...tagged, verdict];
}

/**
 * Adds the tags the ticket lacks and takes off the verdict tags this case put there (`ours`)
 * that no longer hold (needs-review once the store approved, say), unless another case on the
 * ticket still stands for them. Tags the portal never put there are left alone.
 */
export async function syncTags({ deps, found, ticket }: Step, ours: VerdictTag[], created: boolean): Promise<void> {
  const missing = toTicketTags(found).filter((tag) => !ticket.tags.includes(tag));
  if (missing.length > 0 && !created) await deps.helpdesk.addTags(ticket.id, missing);
  const verdict = toVerdictTag(found);
  const candidates = toStaleVerdictTags(ticket.tags, ours, [verdict]);
  if (candidates.length === 0) return;
  const siblings = (await deps.cases.listCasesForOrder(found.orderId))
    .filter((other) => other.id !== found.id && other.providerRefs.gorgiasTicketId === ticket.id);
  const stale = toStaleVerdictTags(candidates, ours, [verdict, ...siblings.map(toVerdictTag)]);
  if (stale.length > 0) await deps.helpdesk.removeTags(ticket.id, stale);
}

/**
 * A case that needs review sends its ticket to the configured team and priority, once: an
 * agent who re-assigns it afterwards is not overruled by the next sync.
 */
export async function routeReview({ deps, found, events, ticket }: Step): Promise<void> {
  const { teamId, priority } = deps.config.gorgias?.review ?? { teamId: null, priority: null };
  if ((teamId === null && priority === null) || toVerdictTag(found) !== 'needs-review') return;
  if (events.some((event) => event.type === REVIEW_ROUTED_EVENT || event.type === REVIEW_REFUSED_EVENT)) return;
  try {
    await deps.helpdesk.route(ticket.id, { ...(teamId !== null ? { teamId } : {}), ...(priority !== null ? { priority } : {}) });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // Logged once, on the case, rather than failing every later sync of it.
    log.error('helpdesk.review_refused', { caseId: found.id, ticketId: ticket.id, teamId, code: isUpstreamError(error) ? error.code : null });
    await deps.cases.appendEvent(found.id, bookkeeping(deps, REVIEW_REFUSED_EVENT, { teamId, priority }));
    return;
  }
  await deps.cases.appendEvent(found.id, bookkeeping(deps, REVIEW_ROUTED_EVENT, { teamId, priority }));
}

/**
 * With public replies on, tells the shopper once, by email from the helpdesk and in their
 * language, that the team has the request, with its reference and link. Its `external_id`
 * (`<case>:reply`) on the ticket means sent, whatever the case log says.
 * @returns whether this run sent it.
 */
export async function sendPublicReply(step: Step, order: Order, posted: Set<string>): Promise<boolean> {
  const { deps, found } = step;
  return sendReplyOnce(step, order, posted, {
    externalId: toReplyExternalId(found.id), sent: REPLY_SENT_EVENT, refused: REPLY_REFUSED_EVENT,
    compose: (common) => toShopperReply({ ...common, kind: found.kind }, found.language),
  }, deps);
}

/**
 * Once the return label is issued, tells the shopper by the same channel how to send the items
 * back: the label's link, carrier, tracking number, address and deadline. Once per case, like
 * the first reply; a case that never gets a label (keep the items, declined) sends none.
 * @returns whether this run sent it.
 */
export async function sendLabelReply(step: Step, order: Order, posted: Set<string>): Promise<boolean> {
  const { deps, found, events } = step;
  const issued = events.findLast((event) => event.type === 'label_issued');
  const label = issued ? IssuedLabelDataSchema.safeParse(issued.data) : null;
  if (!label?.success) return false;
  return sendReplyOnce(step, order, posted, {
    externalId: toLabelReplyExternalId(found.id), sent: LABEL_REPLY_SENT_EVENT, refused: LABEL_REPLY_REFUSED_EVENT,
    compose: (common) => toLabelReply({ ...common, label: label.data }, found.language),
  }, deps);
}

type ReplySpec = {
  externalId: string;
  /** The bookkeeping events that say it went out, or was refused for good. */
  sent: string;
  refused: string;
  compose(common: Omit<ShopperReplyInput, 'kind'>): { subject: string; bodyText: string };
};

async function sendReplyOnce({ found, events, ticket }: Step, order: Order, posted: Set<string>, spec: ReplySpec, deps: SyncCaseDeps): Promise<boolean> {
  const options = deps.config.gorgias?.publicReply;
  if (!options || events.some((event) => event.type === spec.sent || event.type === spec.refused)) return false;
  let sent = false;
  if (!posted.has(spec.externalId)) {
    // The ticket's customer is who Gorgias writes to; a linked ticket may know the shopper by another address.
    const email = ticket.customerEmail ?? order.email!;
    const name = toCustomerName(order) || null;
    const caseUrl = deps.config.publicUrl ? toCaseUrl(deps, found.id) : null;
    const storeName = toStoreName(deps.config, deps.policy);
    const reply = spec.compose({ caseId: found.id, orderName: found.orderName, caseUrl, customerName: name, storeName });
    try {
      await deps.helpdesk.reply(ticket.id, { externalId: spec.externalId, ...reply, to: { email, ...(name ? { name } : {}) }, from: options.emailIntegration });
      sent = true;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      log.error('helpdesk.reply_refused', { caseId: found.id, ticketId: ticket.id, reply: spec.externalId.split(':').pop(), code: isUpstreamError(error) ? error.code : null });
      await deps.cases.appendEvent(found.id, bookkeeping(deps, spec.refused, { integrationId: options.emailIntegration.id }));
      return false;
    }
  }
  await deps.cases.appendEvent(found.id, bookkeeping(deps, spec.sent, { ticketId: ticket.id }));
  return sent;
}
