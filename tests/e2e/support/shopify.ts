import { expect, type APIRequestContext } from '@playwright/test';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../../app/integrations/shopify/env.server';

/*
 * What the store itself holds for an order, read from the sandbox emulator through the Admin
 * GraphQL API the way any Shopify client would. Specs compare the page against it: the tracking
 * link must be the carrier's, and the full street must never reach the page.
 */
export type StoreOrder = {
  name: string;
  shippingAddress: { address1: string; address2: string | null; zip: string } | null;
  fulfillments: Array<{ estimatedDeliveryAt: string | null; trackingInfo: Array<{ company: string | null; number: string | null; url: string | null }> }>;
  returns: { nodes: Array<{ name: string; status: string; refunds: { nodes: Array<{ totalRefundedSet: { presentmentMoney: { amount: string; currencyCode: string } } }> } }> };
  lineItems: {
    nodes: Array<{
      title: string;
      variantTitle: string | null;
      quantity: number;
      image: { url: string } | null;
      originalUnitPriceSet: { presentmentMoney: { amount: string; currencyCode: string } };
    }>;
  };
};

const QUERY = `query E2EOrder($query: String!) {
  orders(first: 1, query: $query) {
    nodes {
      name
      shippingAddress { address1 address2 zip }
      fulfillments(first: 10) { estimatedDeliveryAt trackingInfo(first: 1) { company number url } }
      returns(first: 5) { nodes { name status refunds(first: 2) { nodes { totalRefundedSet { presentmentMoney { amount currencyCode } } } } } }
      lineItems(first: 50) {
        nodes { title variantTitle quantity image { url } originalUnitPriceSet { presentmentMoney { amount currencyCode } } }
      }
    }
  }
}`;

/** A token for the sandbox store, asked for as the portal does: the demo app's client credentials grant. */
async function grantToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/admin/oauth/access_token', {
    data: { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'client_credentials' },
  });
  expect(response.status(), 'emulator token grant').toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function readStoreOrder(request: APIRequestContext, name: string): Promise<StoreOrder> {
  const response = await request.post('/admin/api/2026-10/graphql.json', {
    headers: { 'X-Shopify-Access-Token': await grantToken(request) },
    data: { query: QUERY, variables: { query: `name:${name}` } },
  });
  expect(response.status(), 'emulator GraphQL').toBe(200);
  const body = (await response.json()) as { data?: { orders: { nodes: StoreOrder[] } }; errors?: unknown };
  expect(body.errors, 'emulator GraphQL errors').toBeUndefined();
  const order = body.data?.orders.nodes[0];
  if (!order) throw new Error(`the emulator has no order ${name}`);
  return order;
}
