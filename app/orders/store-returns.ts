import type { Money, Order, StoreReturnStatus } from './types';

/** A return made outside the portal (Shopify admin, another app, an exchange), as the order page lists it. */
export type StoreReturnView = {
  id: string;
  name: string;
  status: StoreReturnStatus;
  createdAt: string;
  closedAt: string | null;
  items: { title: string; variantTitle: string | null; quantity: number }[];
  exchanges: { title: string; variantTitle: string | null; quantity: number }[];
  refunded: Money | null;
};

/**
 * The order's returns that none of the shopper's own cases opened (those are listed as cases),
 * newest first. Cancelled returns are left out: nothing came of them, so they would only puzzle.
 */
export function toStoreReturnViews(order: Order, ownReturnIds: ReadonlySet<string>): StoreReturnView[] {
  const lines = new Map(order.lineItems.map((line) => [line.id, line]));
  return order.returns
    .filter((ret) => ret.status !== 'cancelled' && !ownReturnIds.has(ret.id))
    .map((ret) => ({
      id: ret.id,
      name: ret.name,
      status: ret.status,
      createdAt: ret.createdAt.toISOString(),
      closedAt: ret.closedAt?.toISOString() ?? null,
      items: ret.lines.flatMap(({ lineItemId, quantity }) => {
        const line = lines.get(lineItemId);
        return line ? [{ title: line.title, variantTitle: line.variantTitle, quantity }] : [];
      }),
      exchanges: ret.exchanges,
      refunded: ret.refunded,
    }));
}
