import type { Case } from '~/cases/case-store';
import { toShopifyAdminOrderUrl } from '~/cases/customer-cases';
import type { AttachmentRef } from '~/integrations/gorgias/types';
import type { Order } from '~/orders/types';
import { signPhotoUrl } from '~/photos/signed-url.server';
import { getClauseTitle } from '~/policy/policy-page';
import { toAgentCaseUrl } from '~/session/agent-link.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { toContextNote, type ContextNoteLine } from './agent-notes';
import type { SyncCaseDeps } from './sync-case.server';

// Agents open old tickets months later; a photo link that outlives a normal case is worth it.
const PHOTO_LINK_MS = 180 * 86_400_000;

export const toCustomerName = (order: Order) => [order.shippingAddress?.firstName, order.shippingAddress?.lastName].filter(Boolean).join(' ');

/** The shopper's case page (it opens with their session): for the public reply. */
export const toCaseUrl = (deps: Pick<SyncCaseDeps, 'config'>, caseId: string) => `${deps.config.publicUrl ?? ''}/cases/${caseId}`;

const DEFAULT_AGENT_LINK_MS = 30 * 86_400_000;

/** The agent's case page, a sealed link minted now: what every note that links the case carries. */
export function toAgentLink(deps: Pick<SyncCaseDeps, 'config' | 'clock'>, caseId: string): { url: string; expiresAt: Date } {
  const ttlMs = deps.config.agentLinks?.ttlMs ?? DEFAULT_AGENT_LINK_MS;
  const now = deps.clock();
  return {
    url: toAgentCaseUrl({ publicUrl: deps.config.publicUrl ?? '', secret: deps.config.secret, ttlMs }, caseId, now),
    expiresAt: new Date(now.getTime() + ttlMs),
  };
}

/**
 * The full-context note for the case's `received` event: items with the policy's verdict and
 * clauses, photos (uploaded, or linked when Gorgias refuses them), each parcel's tracking, fees,
 * refund and the case link. A retryable upload failure is thrown: the next attempt starts over.
 */
export async function toFirstNote(deps: SyncCaseDeps, found: Case, order: Order): Promise<{ bodyText: string; attachments: AttachmentRef[] }> {
  const language = deps.config.agentLanguage;
  const attachments: AttachmentRef[] = [];
  const lines: ContextNoteLine[] = [];
  for (const [index, line] of found.details.lines.entries()) {
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
  const caseItems = new Set(found.details.lines.map((line) => line.lineItemId));
  const agentLink = toAgentLink(deps, found.id);
  const bodyText = toContextNote({
    caseId: found.id, kind: found.kind, orderName: found.orderName,
    orderAdminUrl: toShopifyAdminOrderUrl(deps.config.shopify.shopDomain, found.orderId),
    customer: { name: toCustomerName(order) || null, email: order.email! },
    shopperLanguage: found.language, lines, refundMethod: found.details.refundMethod, policyVersion: found.policyVersion,
    parcels: order.parcels.map((parcel) => ({
      carrier: parcel.carrier, trackingNumber: parcel.trackingNumber, trackingUrl: parcel.trackingUrl, status: parcel.status,
      holdsCaseItems: parcel.lines.some((line) => caseItems.has(line.lineItemId)),
    })),
    fees: found.details.totals.fees, estimatedRefund: found.details.totals.estimatedRefund,
    caseUrl: agentLink.url, caseUrlExpiresAt: agentLink.expiresAt,
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
