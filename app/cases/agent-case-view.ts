import type { Language } from '~/i18n';
import type { Money, Order } from '~/orders/types';
import type { Policy } from '~/policy/policy-schema';
import { toReviewStatus, type ReviewStatus } from './agent-review';
import type { Case, CaseEvent } from './case-store';
import type { CaseExchange, CaseLine, RefundMethod } from './return/details';
import type { ReturnShippingView } from './return/shipping-view';
import { kindOf } from './kinds';
import { toCaseView, type CaseView } from './case-view';
import { toShopifyAdminOrderUrl } from './customer-cases';

export type AgentLineView = {
  key: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  image: { url: string; alt: string } | null;
  quantity: number;
  reason: string;
  note: string | null;
  /** The policy's verdict when the shopper sent it… */
  policyDecision: CaseLine['decision'];
  /** …and where the line stands now (a reviewed line once the store answered). */
  decision: CaseLine['decision'];
  clauses: { id: string; title: string | null }[];
  photoUrls: string[];
  /** The new item the line is exchanged for, with the stock the shop had when the case was sent. */
  exchange: AgentExchangeView | null;
};

export type AgentExchangeView = Pick<CaseExchange, 'productTitle' | 'variantTitle' | 'settle' | 'difference' | 'stockLeft' | 'ships'> & {
  /** Shopify's return request carries no exchange: the agent adds the new item when approving. */
  addOnApproval: boolean;
};

/** Everything an agent needs on one page; unlike the shopper's view it keeps the policy version and the log. */
export type AgentCaseView = AgentKindParts & {
  id: string;
  kind: Case['kind'];
  /** The kind's narrower wording, if any (`CaseSummary.stateVariant`): a cancellation of some items. */
  variant: string | null;
  state: Case['state'];
  createdAt: string;
  order: { name: string; adminUrl: string };
  /** From the Shopify order; null when the store could not be read just now. */
  customer: { name: string | null; email: string | null } | null;
  policyVersion: string;
  shopperLanguage: string;
  decline: CaseView['decline'];
  review: ReviewStatus;
  /** Every event, oldest first, with who caused it. */
  events: { id: number; type: string; at: string; actor: CaseEvent['actor']; agentName: string | null; viaAgentPage: boolean }[];
  ticketUrl: string | null;
  shopifyReturns: { id: string; url: string }[];
};

/** The kind's part of the agent's page (`KINDS[kind].agentParts`): its items, the money, and how they travel. */
export type AgentKindParts = {
  lines: AgentLineView[];
  /** Whether the kind gives money back at all: an address change does not, and the page shows no refund. */
  movesMoney: boolean;
  refundMethod: RefundMethod | null;
  /** Whether any line goes back for money; when every one is exchanged, no refund is estimated. */
  refunded: boolean;
  /** Null when the kind charges none. */
  fees: Money | null;
  /** Null when the team confirms the amount. */
  estimatedRefund: Money | null;
  /** How the items come back, and where they are: the shopper's own view of it (null when nothing travels). */
  shipping: ReturnShippingView | null;
};

/** What a kind's agent part may read: the shopper's view of the same case, the order and the policy. */
export type AgentPartsContext = Pick<AgentViewContext, 'policy' | 'language' | 'signPhoto'> & { shopper: CaseView; order: Order | null };

export type AgentViewContext = {
  policy: Policy;
  language: Language;
  shopDomain: string;
  ticketUrl: string | null;
  /** A signed, expiring URL for one of the case's photos (the agent has no shopper session). */
  signPhoto: (key: string) => string;
};

/**
 * `gid://shopify/Return/7` of order 42 → its page in Shopify admin. Inferred from the admin's
 * order URL (the return opens from the order's page); not checked against a live store.
 */
export const toShopifyAdminReturnUrl = (orderAdminUrl: string, returnId: string) => `${orderAdminUrl}/returns/${encodeURIComponent(returnId.split('/').pop() ?? '')}`;

/** The Shopify returns the case opened: its provider ref and every one its log lists, once each. */
function listReturnIds(found: Case, events: CaseEvent[]): string[] {
  const ids = new Set<string>(found.providerRefs.shopifyReturnId ? [found.providerRefs.shopifyReturnId] : []);
  for (const event of events) {
    const returns = event.type === 'shopify.returns_opened' ? event.data['returns'] : null;
    for (const entry of Array.isArray(returns) ? returns : []) {
      const id = typeof entry === 'string' ? /gid:\/\/shopify\/Return\/\d+/.exec(entry)?.[0] : undefined;
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

export function toAgentCaseView(found: Case, events: CaseEvent[], order: Order | null, context: AgentViewContext): AgentCaseView {
  const shopper = toCaseView(found, events, { helpdesk: context.ticketUrl !== null });
  const orderAdminUrl = toShopifyAdminOrderUrl(context.shopDomain, found.orderId);
  const customerName = [order?.shippingAddress?.firstName, order?.shippingAddress?.lastName].filter(Boolean).join(' ');
  return {
    id: found.id,
    kind: found.kind,
    variant: kindOf(found).summary(found).stateVariant ?? null,
    state: found.state,
    createdAt: found.createdAt.toISOString(),
    order: { name: found.orderName, adminUrl: orderAdminUrl },
    customer: order ? { name: customerName || null, email: order.email } : null,
    ...kindOf(found).agentParts(found, { shopper, order, policy: context.policy, language: context.language, signPhoto: context.signPhoto }),
    policyVersion: found.policyVersion,
    shopperLanguage: found.language,
    decline: shopper.decline,
    review: toReviewStatus(found, events),
    events: events.map((event) => ({
      id: event.id, type: event.type, at: event.at.toISOString(), actor: event.actor,
      agentName: typeof event.data['agentName'] === 'string' ? event.data['agentName'] : null,
      viaAgentPage: event.data['via'] === 'agent_page',
    })),
    ticketUrl: context.ticketUrl,
    shopifyReturns: listReturnIds(found, events).map((id) => ({ id, url: toShopifyAdminReturnUrl(orderAdminUrl, id) })),
  };
}
