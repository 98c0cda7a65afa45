import { describe, expect, it } from 'vitest';
import { createCachedCustomerOrders, toSidebarOrderViews, type CustomerOrders } from './customer-orders';
import { aParcel, anOrder } from './test-fixtures';

describe("a customer's latest orders for the sidebar", () => {
  it('asks the store once per customer while the cache holds, and again after', async () => {
    let calls = 0;
    const source: CustomerOrders = { listRecentOrders: async () => { calls += 1; return [anOrder()]; } };
    const cached = createCachedCustomerOrders(source, { ttlMs: 60_000 });
    await cached.listRecentOrders('a@example.com', 5);
    await cached.listRecentOrders('a@example.com', 5);
    expect(calls).toBe(1);
    await cached.listRecentOrders('b@example.com', 5);
    expect(calls).toBe(2);
    const uncached = createCachedCustomerOrders(source, { ttlMs: 0 });
    await uncached.listRecentOrders('a@example.com', 5);
    await uncached.listRecentOrders('a@example.com', 5);
    expect(calls).toBe(4);
  });

  it('gives each order its headline, its parcels with tracking and its admin link, leaving cancelled parcels out', () => {
    const order = anOrder({ id: 'gid://shopify/Order/9', name: '#1009', parcels: [
      aParcel({ status: 'in_transit', carrier: 'Colissimo', trackingNumber: '6A1', trackingUrl: 'https://track.example/6A1' }),
      aParcel({ id: 'gid://shopify/Fulfillment/2', status: 'cancelled' }),
    ] });
    const [view] = toSidebarOrderViews([order], { toAdminUrl: (id) => `https://admin.example/${id.split('/').pop()}`, describe: (h) => `headline:${h.key}` });
    expect(view).toMatchObject({
      name: '#1009', orderAdminUrl: 'https://admin.example/9', statusText: `headline:${view!.status.key}`,
      parcels: [{ status: 'in_transit', carrier: 'Colissimo', trackingNumber: '6A1', trackingUrl: 'https://track.example/6A1' }],
    });
  });
});
