import type { Case } from '~/cases/case-store';
import { toShopifyAdminOrderUrl } from '~/cases/customer-cases';
import type { NotePhoto } from '~/cases/kind';
import { kindOf } from '~/cases/kinds';
import type { Order } from '~/orders/types';
import { signPhotoUrl } from '~/photos/signed-url.server';
import { toAgentCaseUrl } from '~/session/agent-link.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { toContextNote } from './agent-notes';
import type { HelpdeskFile } from './ports';
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
 * The full-context note for the case's `received` event: the kind's own sections (for a return,
 * items with the policy's verdict and clauses, fees and refund), photos (uploaded, or linked when
 * the helpdesk refuses them), each parcel's tracking and the case link. A retryable upload failure is
 * thrown: the next attempt starts over.
 */
export async function toFirstNote(deps: SyncCaseDeps, found: Case, order: Order): Promise<{ bodyText: string; attachments: HelpdeskFile[] }> {
  const language = deps.config.agentLanguage;
  const kind = kindOf(found);
  const attachments: HelpdeskFile[] = [];
  const photos = new Map<string, NotePhoto>();
  for (const { key, name } of kind.photos(found)) {
    const uploaded = await uploadPhoto(deps, key, name);
    if (uploaded) {
      attachments.push(uploaded);
      photos.set(key, { attached: true });
    } else {
      const expiresAt = new Date(deps.clock().getTime() + PHOTO_LINK_MS);
      photos.set(key, { attached: false, link: `${deps.config.publicUrl ?? ''}${signPhotoUrl({ caseId: found.id, key, expiresAt }, deps.config.secret)}` });
    }
  }
  const { subject, outcome } = kind.noteSections(found, { order, policy: deps.policy, photos }, language);
  const caseItems = new Set(kind.lineItemIds(found));
  const agentLink = toAgentLink(deps, found.id);
  const bodyText = toContextNote({
    caseId: found.id, kind: found.kind, orderName: found.orderName,
    orderAdminUrl: toShopifyAdminOrderUrl(deps.config.shopify.shopDomain, found.orderId),
    customer: { name: toCustomerName(order) || null, email: order.email! },
    shopperLanguage: found.language, subject, outcome, policyVersion: found.policyVersion,
    parcels: order.parcels.map((parcel) => ({
      carrier: parcel.carrier, trackingNumber: parcel.trackingNumber, trackingUrl: parcel.trackingUrl, status: parcel.status,
      holdsCaseItems: parcel.lines.some((line) => caseItems.has(line.lineItemId)),
    })),
    caseUrl: agentLink.url, caseUrlExpiresAt: agentLink.expiresAt,
  }, language);
  return { bodyText, attachments };
}

/**
 * The photo as a helpdesk attachment, or null to link it instead (photo gone, or refused by
 * the helpdesk for good). A retryable failure is thrown: the next attempt uploads again.
 */
async function uploadPhoto(deps: SyncCaseDeps, key: string, name: string): Promise<HelpdeskFile | null> {
  const photo = await deps.photos.get(key);
  if (!photo) return null;
  const extension = photo.contentType.split('/')[1] ?? 'bin';
  try {
    return await deps.helpdesk.attachFile({ name: `${name}.${extension}`, contentType: photo.contentType, bytes: photo.bytes });
  } catch (error) {
    if (isUpstreamError(error) && !error.retryable) return null;
    throw error;
  }
}
