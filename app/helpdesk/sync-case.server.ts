import type { Case, CaseStore } from '~/cases/case-store';
import { toShopifyAdminOrderUrl } from '~/cases/customer-cases';
import type { AttachmentRef, GorgiasClient, Ticket } from '~/integrations/gorgias/types';
import type { OrderSource } from '~/orders/ports';
import type { Order } from '~/orders/types';
import type { PhotoStore } from '~/photos/photo-store';
import { signPhotoUrl } from '~/photos/signed-url.server';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import { isUpstreamError } from '~/utils/upstream-error';
import { toContextNote, toEventNote, toOpeningMessage, toTicketSubject, type AgentLanguage, type ContextNoteLine } from './agent-notes';
import { isNotedEvent, toNoteExternalId, toOpeningExternalId, toTicketTags } from './ticket-fields';

export type SyncCaseDeps = {
  cases: CaseStore;
  gorgias: GorgiasClient;
  orders: Pick<OrderSource, 'getOrder'>;
  photos: Pick<PhotoStore, 'get'>;
  policy: Policy;
  config: { agentLanguage: AgentLanguage; secret: string; publicUrl?: string | undefined; shopify: { shopDomain: string } };
  clock: () => Date;
};

export type SyncCaseResult =
  | { status: 'synced'; ticketId: number; created: boolean; notesPosted: number }
  | { status: 'unknown_case' }
  /** The order has no email: Gorgias cannot file a ticket without a customer. */
  | { status: 'no_customer_email' };

// Agents open old tickets months later; a photo link that outlives a normal case is worth it.
const PHOTO_LINK_MS = 180 * 86_400_000;

/**
 * Brings the case's Gorgias ticket up to date with the case: finds it (our id, then
 * `external_id = case id`) or creates it, then posts one internal note per event not yet on it
 * (`external_id = <case>:event:<id>`). State-based, so running it again, or after a crash at
 * any point, posts nothing twice. Upstream errors are thrown for the caller to retry or give up.
 *
 * The shopper's email comes from the Shopify order, read here anyway for SKUs, variants and
 * prices: the case keeps only a hash of it, and no copy of the address is added to our database.
 */
export async function syncCaseToHelpdesk(deps: SyncCaseDeps, caseId: string): Promise<SyncCaseResult> {
  const found = await deps.cases.getCase(caseId);
  if (!found) return { status: 'unknown_case' };
  const [events, order] = await Promise.all([deps.cases.listEvents(caseId), deps.orders.getOrder(found.orderId)]);
  if (!order?.email) return { status: 'no_customer_email' };
  const { ticket, created } = await findOrCreateTicket(deps, found, order);
  if (found.providerRefs.gorgiasTicketId !== ticket.id) {
    await deps.cases.recordProviderRefs(caseId, { gorgiasTicketId: ticket.id }, { at: deps.clock(), type: 'gorgias.ticket_linked', actor: 'system', data: { ticketId: ticket.id } });
  }
  const posted = await listNoteIds(deps.gorgias, ticket.id);
  let notesPosted = 0;
  for (const event of events.filter(isNotedEvent)) {
    const externalId = toNoteExternalId(caseId, event.id);
    if (posted.has(externalId)) continue;
    const note = event.type === 'received' ? await toFirstNote(deps, found, order) : { bodyText: toEventNote(event, deps.config.agentLanguage) };
    await deps.gorgias.addInternalNote(ticket.id, { externalId, ...note });
    notesPosted += 1;
  }
  const missingTags = toTicketTags(found).filter((tag) => !ticket.tags.includes(tag));
  if (missingTags.length > 0 && !created) await deps.gorgias.addTags(ticket.id, missingTags);
  return { status: 'synced', ticketId: ticket.id, created, notesPosted };
}

async function findOrCreateTicket(deps: SyncCaseDeps, found: Case, order: Order): Promise<{ ticket: Ticket; created: boolean }> {
  const known = found.providerRefs.gorgiasTicketId;
  if (known) {
    try {
      return { ticket: await deps.gorgias.getTicket(known), created: false };
    } catch (error) {
      // Deleted or merged in Gorgias: look it up by our id, or file a new one.
      if (!isUpstreamError(error) || (error.code !== 'NOT_FOUND' && error.code !== 'MOVED')) throw error;
    }
  }
  // The crash-safe dedupe: a ticket created by an attempt that died before recording its id.
  const [existing] = (await deps.gorgias.findTicketsByExternalId(found.id)).sort((a, b) => a.id - b.id);
  if (existing) return { ticket: existing, created: false };
  const language = deps.config.agentLanguage;
  const email = order.email!;
  const customer = await deps.gorgias.findCustomerByEmail(email);
  const name = [order.shippingAddress?.firstName, order.shippingAddress?.lastName].filter(Boolean).join(' ');
  const ticket = await deps.gorgias.createTicket({
    externalId: found.id,
    subject: toTicketSubject(found.kind, found.id, found.orderName, language),
    customer: customer ? { id: customer.id } : { email, ...(name ? { name } : {}) },
    messages: [{ externalId: toOpeningExternalId(found.id), bodyText: toOpeningMessage(found.kind, found.id, found.orderName, language) }],
    tags: toTicketTags(found),
    language: found.language,
  });
  return { ticket, created: true };
}

/** External ids of every message on the ticket, all pages. */
async function listNoteIds(gorgias: GorgiasClient, ticketId: number): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await gorgias.listMessages(ticketId, { cursor, limit: 100 });
    for (const message of result.data) if (message.externalId) ids.add(message.externalId);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

async function toFirstNote(deps: SyncCaseDeps, found: Case, order: Order): Promise<{ bodyText: string; attachments: AttachmentRef[] }> {
  const language = deps.config.agentLanguage;
  const attachments: AttachmentRef[] = [];
  const lines: ContextNoteLine[] = [];
  for (const [index, line] of found.lines.entries()) {
    const item = order.lineItems.find((candidate) => candidate.id === line.lineItemId);
    const photoLinks: string[] = [];
    let photosAttached = 0;
    for (const [n, key] of line.photoIds.entries()) {
      const uploaded = await uploadPhoto(deps, key, `${found.id}-${index + 1}-${n + 1}`);
      if (uploaded) {
        attachments.push(uploaded);
        photosAttached += 1;
      } else {
        const expiresAt = new Date(deps.clock().getTime() + PHOTO_LINK_MS);
        photoLinks.push(`${deps.config.publicUrl ?? ''}${signPhotoUrl({ caseId: found.id, key, expiresAt }, deps.config.secret)}`);
      }
    }
    lines.push({
      title: line.title || item?.title || '',
      variantTitle: item?.variantTitle ?? null,
      sku: item?.sku ?? null,
      quantity: line.quantity,
      unitPrice: item?.unitPrice ?? null,
      reason: deps.policy.reasons.find((reason) => reason.id === line.reasonId)?.label[language] ?? line.reasonId,
      note: line.note,
      decision: line.decision,
      clauses: line.clauseIds.map((id) => ({ id, title: getClauseTitle(deps.policy, id, language) })),
      photoLinks,
      photosAttached,
    });
  }
  const bodyText = toContextNote({
    caseId: found.id, kind: found.kind, orderName: found.orderName,
    orderAdminUrl: toShopifyAdminOrderUrl(deps.config.shopify.shopDomain, found.orderId),
    customer: { name: [order.shippingAddress?.firstName, order.shippingAddress?.lastName].filter(Boolean).join(' ') || null, email: order.email! },
    shopperLanguage: found.language, lines, refundMethod: found.refundMethod, policyVersion: found.policyVersion,
    fees: found.totals.fees, estimatedRefund: found.totals.estimatedRefund,
    caseUrl: `${deps.config.publicUrl ?? ''}/cases/${found.id}`,
  }, language);
  return { bodyText, attachments };
}

/**
 * The photo as a Gorgias attachment, or null to link it instead (photo gone, or refused by
 * Gorgias for good). A retryable failure is thrown: the next attempt uploads again.
 */
async function uploadPhoto(deps: SyncCaseDeps, key: string, name: string): Promise<AttachmentRef | null> {
  const photo = await deps.photos.get(key);
  if (!photo) return null;
  const extension = photo.contentType.split('/')[1] ?? 'bin';
  try {
    const file = await deps.gorgias.uploadAttachment({ name: `${name}.${extension}`, contentType: photo.contentType, bytes: photo.bytes });
    return { url: file.url, name: file.name, contentType: file.contentType, size: file.size };
  } catch (error) {
    if (isUpstreamError(error) && !error.retryable) return null;
    throw error;
  }
}
