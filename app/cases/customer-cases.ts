import type { Money } from '~/orders/types';
import type { Case } from './case-store';

/** What the agent's Gorgias sidebar shows of a customer's cases: no hashes, no photos. */
export type CustomerCaseView = {
  id: string;
  kind: Case['kind'];
  state: Case['state'];
  orderName: string;
  /** The order in Shopify admin, for the agent. */
  orderAdminUrl: string;
  createdAt: string;
  items: { title: string; quantity: number; decision: Case['lines'][number]['decision'] }[];
  estimatedRefund: Money;
  policyVersion: string;
};

/** `comptoir-demo.myshopify.com` + `gid://shopify/Order/42` → the order's page in Shopify admin. */
export function toShopifyAdminOrderUrl(shopDomain: string, orderId: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, '');
  const numericId = orderId.split('/').pop() ?? '';
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/orders/${encodeURIComponent(numericId)}`;
}

export function toCustomerCaseViews(cases: Case[], shopDomain: string): CustomerCaseView[] {
  return cases.map((found) => ({
    id: found.id,
    kind: found.kind,
    state: found.state,
    orderName: found.orderName,
    orderAdminUrl: toShopifyAdminOrderUrl(shopDomain, found.orderId),
    createdAt: found.createdAt.toISOString(),
    items: found.lines.map(({ title, quantity, decision }) => ({ title, quantity, decision })),
    estimatedRefund: found.totals.estimatedRefund,
    policyVersion: found.policyVersion,
  }));
}
