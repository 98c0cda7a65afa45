import { describe, expect, it } from 'vitest';
import { toShopifyAdminOrderUrl } from './customer-cases';

describe('toShopifyAdminOrderUrl', () => {
  it('points the agent at the order in Shopify admin', () => {
    expect(toShopifyAdminOrderUrl('maison-lumiere.myshopify.com', 'gid://shopify/Order/5123456789')).toBe(
      'https://admin.shopify.com/store/maison-lumiere/orders/5123456789',
    );
  });
});
