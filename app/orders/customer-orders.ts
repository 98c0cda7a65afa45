import { LRUCache } from 'lru-cache';
import { getOrderHeadline, type Headline } from './headline';
import type { Order, ParcelStatus } from './types';

/** A customer's latest orders, for the agent's sidebar when they have no case. */
export interface CustomerOrders {
  /**
   * The `limit` latest orders placed with this (normalized) email, newest first. One upstream call.
   * @throws UpstreamError
   */
  listRecentOrders(email: string, limit: number): Promise<Order[]>;
}

/**
 * Keeps each customer's list briefly, like the order cache: Gorgias calls the sidebar on every
 * ticket event, often several times a minute for one customer.
 */
export function createCachedCustomerOrders(source: CustomerOrders, options: { ttlMs: number; max?: number }): CustomerOrders {
  const cache = options.ttlMs > 0 ? new LRUCache<string, Order[]>({ max: options.max ?? 2_000, ttl: options.ttlMs }) : null;
  return {
    async listRecentOrders(email, limit) {
      const key = `${limit}:${email}`;
      const cached = cache?.get(key);
      if (cached) return cached;
      const orders = await source.listRecentOrders(email, limit);
      cache?.set(key, orders);
      return orders;
    },
  };
}

/** What the sidebar shows of an order: where it stands, its parcels, and where to open it. */
export type SidebarOrderView = {
  name: string;
  createdAt: string;
  /** The order page's headline: `key` under `orders:headline`, with its values. */
  status: Headline;
  /** The same, in words, in the agent's language. */
  statusText: string;
  parcels: { status: ParcelStatus; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null }[];
  orderAdminUrl: string;
};

export function toSidebarOrderViews(orders: Order[], options: { toAdminUrl: (orderId: string) => string; describe: (headline: Headline) => string }): SidebarOrderView[] {
  return orders.map((order) => {
    const status = getOrderHeadline(order);
    return {
      name: order.name,
      createdAt: order.createdAt.toISOString(),
      status,
      statusText: options.describe(status),
      parcels: order.parcels.filter((parcel) => parcel.status !== 'cancelled').map(({ status: parcelStatus, carrier, trackingNumber, trackingUrl }) => ({ status: parcelStatus, carrier, trackingNumber, trackingUrl })),
      orderAdminUrl: options.toAdminUrl(order.id),
    };
  });
}
