import type { Language } from '~/i18n';
import type { Money, Order } from '~/orders/types';
import { getClauseTitle } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import { toReviewStatus, type ReviewStatus } from './agent-review';
import type { Case, CaseEvent } from './case-store';
import type { CaseExchange, CaseLine, RefundMethod } from './return/details';
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
export type AgentCaseView = {
  id: string;
  kind: Case['kind'];
  state: Case['state'];
  createdAt: string;
  order: { name: string; adminUrl: string };
  /** From the Shopify order; null when the store could not be read just now. */
  customer: { name: string | null; email: string | null } | null;
  lines: AgentLineView[];
  refundMethod: RefundMethod | null;
  /** Whether any line goes back for money; when every one is exchanged, no refund is estimated. */
  refunded: boolean;
  fees: Money;
  estimatedRefund: Money;
  policyVersion: string;
  shopperLanguage: string;
  decline: CaseView['decline'];
  review: ReviewStatus;
  /** Every event, oldest first, with who caused it. */
  events: { id: number; type: string; at: string; actor: CaseEvent['actor']; agentName: string | null; viaAgentPage: boolean }[];
  ticketUrl: string | null;
  /** How the items come back, and where they are: the shopper's own view of it. */
  shipping: CaseView['shipping'];
  shopifyReturns: { id: string; url: string }[];
};

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

function toAgentExchange({ outcome, exchange }: CaseLine, decision: CaseLine['decision']): AgentExchangeView | null {
  if (outcome !== 'exchange' || !exchange) return null;
  const { productTitle, variantTitle, settle, difference, stockLeft, ships } = exchange;
  return { productTitle, variantTitle, settle, difference, stockLeft, ships, addOnApproval: decision === 'needs_review' };
}

export function toAgentCaseView(found: Case, events: CaseEvent[], order: Order | null, context: AgentViewContext): AgentCaseView {
  const shopper = toCaseView(found, events, { helpdesk: context.ticketUrl !== null });
  const orderAdminUrl = toShopifyAdminOrderUrl(context.shopDomain, found.orderId);
  const customerName = [order?.shippingAddress?.firstName, order?.shippingAddress?.lastName].filter(Boolean).join(' ');
  return {
    id: found.id,
    kind: found.kind,
    state: found.state,
    createdAt: found.createdAt.toISOString(),
    order: { name: found.orderName, adminUrl: orderAdminUrl },
    customer: order ? { name: customerName || null, email: order.email } : null,
    lines: found.details.lines.map((line, index) => {
      const item = order?.lineItems.find((candidate) => candidate.id === line.lineItemId);
      return {
        key: line.fulfillmentLineItemId,
        title: line.title || item?.title || '',
        variantTitle: item?.variantTitle ?? null,
        sku: item?.sku ?? null,
        image: item?.image ? { url: item.image.url, alt: item.image.altText ?? '' } : null,
        quantity: line.quantity,
        reason: context.policy.reasons.find((reason) => reason.id === line.reasonId)?.label[context.language] ?? line.reasonId,
        note: line.note,
        policyDecision: line.decision,
        decision: shopper.lines[index]?.decision ?? line.decision,
        clauses: line.clauseIds.map((id) => ({ id, title: getClauseTitle(context.policy, id, context.language) })),
        photoUrls: line.photoIds.map(context.signPhoto),
        exchange: toAgentExchange(line, shopper.lines[index]?.decision ?? line.decision),
      };
    }),
    refundMethod: found.details.refundMethod,
    refunded: shopper.refunded,
    fees: found.details.totals.fees,
    estimatedRefund: found.details.totals.estimatedRefund,
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
    shipping: shopper.shipping,
    shopifyReturns: listReturnIds(found, events).map((id) => ({ id, url: toShopifyAdminReturnUrl(orderAdminUrl, id) })),
  };
}
