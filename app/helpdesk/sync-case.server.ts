import { toStoreName, type BrandConfig } from '~/brand/brand';
import type { Case, CaseStore } from '~/cases/case-store';
import type { OrderSource } from '~/orders/ports';
import type { Order } from '~/orders/types';
import type { PhotoStore } from '~/photos/photo-store';
import type { Policy } from '~/policy/policy-schema';
import { hashIdentifier } from '~/session/hash.server';
import { log } from '~/utils/log.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { toEventsNote, toOpeningMessage, toTicketSubject, type AgentLanguage } from './agent-notes';
import { toAgentLink, toCustomerName, toFirstNote } from './first-note.server';
import type { HelpdeskOptions } from './options';
import type { Helpdesk, HelpdeskTicket, OpenTicketInput } from './ports';
import { toNoteBatches, toToldEventIds } from './note-batches';
import { isOrderCustomerTicket } from './ticket-owner';
import { isNotedEvent, TICKET_LINKED_EVENT, toOpeningExternalId, toTicketTags } from './ticket-fields';
import { recordVerdictTag, routeReview, sendLabelReply, sendPublicReply, syncTags } from './ticket-upkeep.server';

export type SyncCaseDeps = {
  cases: CaseStore;
  helpdesk: Helpdesk;
  orders: Pick<OrderSource, 'getOrder'>;
  photos: Pick<PhotoStore, 'get'>;
  policy: Policy;
  config: {
    agentLanguage: AgentLanguage; secret: string; publicUrl?: string | undefined; shopify: { shopDomain: string };
    /** How long case links on notes open the agent's page; 30 days when absent. */
    agentLinks?: { ttlMs: number };
    /** The merchant's ticket options; absent or null means none. */
    gorgias?: HelpdeskOptions | null;
    /** The store's name in notes and replies; absent or null means the policy file's. */
    brand?: Pick<BrandConfig, 'name'>;
  };
  clock: () => Date;
};

export type SyncCaseResult =
  | { status: 'synced'; ticketId: number; created: boolean; notesPosted: number; replied: boolean }
  | { status: 'unknown_case' }
  /** The order has no email: the helpdesk cannot file a ticket without a customer. */
  | { status: 'no_customer_email' };

/**
 * Brings the case's helpdesk ticket up to date with the case: finds it (the id the case holds —
 * the ticket of the agent's link the shopper came from, or one found before —, then
 * `external_id = case id`) or creates it, then posts the internal notes for the events not yet on
 * it — one per event, or one for events that happened together (note-batches.ts) —, keeps its tags true, routes a review case once and sends
 * the public reply once (see ticket-upkeep.server.ts). State-based, so running it again, or after
 * a crash at any point, posts nothing twice. Upstream errors are thrown for the caller to retry
 * or give up.
 *
 * The shopper's email comes from the Shopify order, read here anyway for SKUs, variants and
 * prices: the case keeps only a hash of it, and no copy of the address is added to our database.
 */
export async function syncCaseToHelpdesk(deps: SyncCaseDeps, caseId: string): Promise<SyncCaseResult> {
  const found = await deps.cases.getCase(caseId);
  if (!found) return { status: 'unknown_case' };
  const [events, order] = await Promise.all([deps.cases.listEvents(caseId), deps.orders.getOrder(found.orderId)]);
  if (!order?.email) return { status: 'no_customer_email' };
  const ours = await recordVerdictTag(deps, found, events);
  const { ticket, created } = await findOrCreateTicket(deps, found, order);
  const previous = found.providerRefs.gorgiasTicketId;
  if (previous !== ticket.id) {
    const data: Record<string, number> = previous ? { ticketId: ticket.id, replaces: previous } : { ticketId: ticket.id };
    await deps.cases.recordProviderRefs(caseId, { gorgiasTicketId: ticket.id }, { at: deps.clock(), type: TICKET_LINKED_EVENT, actor: 'system', data });
  }
  const posted = await deps.helpdesk.listMessageIds(ticket.id);
  let notesPosted = 0;
  for (const { externalId, events: batch } of toNoteBatches(caseId, events.filter(isNotedEvent), toToldEventIds(caseId, posted))) {
    const note = batch[0]!.type === 'received' ? await toFirstNote(deps, found, order) : { bodyText: toEventsNote(found.kind, batch, deps.config.agentLanguage, toAgentLink(deps, caseId)) };
    await deps.helpdesk.addNote(ticket.id, { externalId, ...note });
    notesPosted += 1;
  }
  const step = { deps, found, events, ticket };
  await syncTags(step, ours, created);
  await routeReview(step);
  const replied = await sendPublicReply(step, order, posted);
  // After the first reply, so the shopper reads "we have your request" before "here is your label".
  await sendLabelReply(step, order, posted);
  return { status: 'synced', ticketId: ticket.id, created, notesPosted, replied };
}

/**
 * Every ticket this returns is the order's customer's (see isOrderCustomerTicket), checked on each
 * sync: a link's ticket, or any ticket an agent moved to another customer since, is passed over
 * for one of the case's own, and nothing is posted on it.
 */
async function findOrCreateTicket(deps: SyncCaseDeps, found: Case, order: Order): Promise<{ ticket: HelpdeskTicket; created: boolean }> {
  const known = found.providerRefs.gorgiasTicketId;
  if (known) {
    const ticket = await deps.helpdesk.getTicket(known);
    if (ticket && isOrderCustomerTicket(ticket, order.email)) return { ticket, created: false };
    if (ticket) refuseTicket(deps, found, ticket.id);
  }
  // The crash-safe dedupe: a ticket created by an attempt that died before recording its id.
  const byCaseId = (await deps.helpdesk.findCaseTickets(found.id)).sort((a, b) => a.id - b.id);
  const existing = byCaseId.find((ticket) => isOrderCustomerTicket(ticket, order.email));
  if (existing) return { ticket: existing, created: false };
  for (const ticket of byCaseId) if (ticket.id !== known) refuseTicket(deps, found, ticket.id);
  const language = deps.config.agentLanguage;
  const email = order.email!;
  const customerId = await deps.helpdesk.findCustomerId(email);
  const name = toCustomerName(order);
  const input: OpenTicketInput = {
    caseId: found.id,
    subject: toTicketSubject(found.kind, found.id, found.orderName, language),
    customer: customerId !== null ? { id: customerId } : { email, ...(name ? { name } : {}) },
    opening: { externalId: toOpeningExternalId(found.id), bodyText: toOpeningMessage(found.kind, found.id, found.orderName, toStoreName(deps.config, deps.policy), language) },
    tags: toTicketTags(found),
    language: found.language,
  };
  const caseFieldId = deps.config.gorgias?.caseFieldId;
  if (!caseFieldId) return { ticket: await deps.helpdesk.openTicket(input), created: true };
  try {
    return { ticket: await deps.helpdesk.openTicket({ ...input, fields: [{ id: caseFieldId, value: found.id }] }), created: true };
  } catch (error) {
    // A field deleted or retyped in Gorgias must not keep the case from its ticket: file it without.
    if (!isUpstreamError(error) || error.status !== 400) throw error;
    log.warn('helpdesk.case_field_refused', { caseId: found.id, fieldId: caseFieldId });
    return { ticket: await deps.helpdesk.openTicket(input), created: true };
  }
}

/** One line per refusal: the case's reference and keyed hashes, nothing about either customer. */
function refuseTicket(deps: SyncCaseDeps, found: Case, ticketId: number): void {
  const hash = (value: string) => hashIdentifier(deps.config.secret, value);
  log.warn('helpdesk.ticket_refused', { reason: 'other_customer', caseId: found.id, order: hash(`order:${found.orderName}`), ticket: hash(`ticket:${ticketId}`) });
}
