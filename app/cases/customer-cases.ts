import type { Order, ParcelStatus } from '~/orders/types';
import type { Case, CaseEvent } from './case-store';
import type { ProgressStep, ReturnShippingView } from './return/shipping-view';
import type { CaseSummary } from './kind';
import { kindOf } from './kinds';

/** A parcel as the sidebar shows it: where it is and how to follow it. */
export type SidebarParcel = { status: ParcelStatus; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null };

/** What the agent's Gorgias sidebar shows of a customer's cases: no hashes, no photos. */
export type CustomerCaseView = {
  id: string;
  kind: Case['kind'];
  state: Case['state'];
  orderName: string;
  /** The order in Shopify admin, for the agent. */
  orderAdminUrl: string;
  /** The case page in the portal (it opens for the shopper's session). */
  caseUrl: string;
  /** The agent's case page: a sealed link that expires (COMPTOIR_AGENT_LINK_DAYS). */
  agentUrl: string | null;
  /** The case's Gorgias ticket, once it has one. */
  ticketUrl: string | null;
  createdAt: string;
  /** `return`, or `exchange` when every item of the return is exchanged. */
  label: CaseSummary['label'];
  /** Each item with its verdict and, when exchanged, the new item, its price difference and when it ships. */
  items: CaseSummary['items'];
  /** The order's parcels; null when the store could not be read just now. */
  parcels: SidebarParcel[] | null;
  estimatedRefund: CaseSummary['estimatedRefund'];
  /** Where the items on their way back are; null while nothing is to be sent (or the case's events were not read). */
  returnParcel: SidebarReturnParcel | null;
  policyVersion: string;
};

/** The return parcel as the sidebar shows it: the stage, the last step reached, and how to follow it. */
export type SidebarReturnParcel = {
  stage: ReturnShippingView['stage'];
  provider: ReturnShippingView['provider'];
  lastStep: ProgressStep | null;
  lastStepAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  labelUrl: string | null;
  refund: ReturnShippingView['refund'];
};

function toSidebarReturnParcel(found: Case, events: readonly CaseEvent[] | undefined): SidebarReturnParcel | null {
  if (!events) return null;
  const view = kindOf(found).shopperView(found, { declined: false, events, returnAddress: null, clauseTitle: () => null });
  const shipping = 'shipping' in view ? view.shipping : null;
  if (!shipping) return null;
  const last = shipping.progress.findLast((step) => step.done) ?? null;
  const label = shipping.label;
  return {
    stage: shipping.stage,
    provider: shipping.provider,
    lastStep: last?.step ?? null,
    lastStepAt: last?.at ?? null,
    carrier: label?.carrier ?? null,
    trackingNumber: label?.trackingNumber ?? null,
    trackingUrl: label?.trackingUrl ?? null,
    labelUrl: label?.labelUrl ?? null,
    refund: shipping.refund,
  };
}

export type CustomerCaseLinks = {
  shopDomain: string;
  /** The portal's own origin, for case links. */
  portalUrl: string;
  /** The Gorgias ticket page for an id, or null when there is no helpdesk to link to. */
  toTicketUrl: (ticketId: number) => string | null;
  /** A fresh agent link for a case; absent, the views carry none. */
  toAgentUrl?: (caseId: string) => string;
};

/** `comptoir-demo.myshopify.com` + `gid://shopify/Order/42` → the order's page in Shopify admin. */
export function toShopifyAdminOrderUrl(shopDomain: string, orderId: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, '');
  const numericId = orderId.split('/').pop() ?? '';
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/orders/${encodeURIComponent(numericId)}`;
}

/** `https://acme.gorgias.com` + 123 → the ticket as agents open it in Gorgias. */
export const toGorgiasTicketUrl = (gorgiasBaseUrl: string, ticketId: number) => `${new URL(gorgiasBaseUrl).origin}/app/ticket/${ticketId}`;

/**
 * The sidebar's view of each case. `orders` holds the orders that could be read, by id: a case
 * whose order is missing shows no parcels rather than failing the whole sidebar. `events` holds
 * each case's log by case id, for its return parcel.
 */
export function toCustomerCaseViews(
  cases: Case[],
  links: CustomerCaseLinks,
  orders: ReadonlyMap<string, Order> = new Map(),
  events: ReadonlyMap<string, readonly CaseEvent[]> = new Map(),
): CustomerCaseView[] {
  return cases.map((found) => {
    const order = orders.get(found.orderId);
    const ticketId = found.providerRefs.gorgiasTicketId;
    return {
      id: found.id,
      kind: found.kind,
      state: found.state,
      orderName: found.orderName,
      orderAdminUrl: toShopifyAdminOrderUrl(links.shopDomain, found.orderId),
      caseUrl: `${links.portalUrl}/cases/${found.id}`,
      agentUrl: links.toAgentUrl?.(found.id) ?? null,
      ticketUrl: ticketId ? links.toTicketUrl(ticketId) : null,
      createdAt: found.createdAt.toISOString(),
      ...kindOf(found).summary(found),
      parcels: order ? order.parcels.map(({ status, carrier, trackingNumber, trackingUrl }) => ({ status, carrier, trackingNumber, trackingUrl })) : null,
      returnParcel: toSidebarReturnParcel(found, events.get(found.id)),
      policyVersion: found.policyVersion,
    };
  });
}
