import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createShopifyGraphqlClient, type ShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { parseOrderNumber } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator, type ShopifyEmulator } from '~/sandbox/shopify/emulator.server';

export type DemoEntry = { name: string; email: string; scenario: string };

/** A test file's own Shopify emulator on a loopback port, and what adapter tests ask of it. */
export type TestShopify = {
  emulator: ShopifyEmulator;
  baseUrl: string;
  demo: DemoEntry[];
  /** The GraphQL client the adapters use, pointed at this emulator. */
  client(): ShopifyGraphqlClient;
  /** `/__sandbox/shopify/<path>`: a POST with `body`, a GET without; the JSON answer. */
  control(path: string, body?: unknown): Promise<any>;
  /** The `index`th demo order of a scenario, as the order source reads it. */
  orderOf(scenario: string, index?: number): Promise<Order>;
  /** Waits for webhooks in flight, then stops listening. */
  close(): Promise<void>;
};

export async function startTestShopify(options: {
  shop: string;
  accessToken: string;
  /** A smaller bucket than the standard 2000 points restoring 100 a second. */
  bucket?: { maximumAvailable: number; restoreRate: number };
}): Promise<TestShopify> {
  const emulator = createShopifyEmulator({ accessToken: options.accessToken, ...(options.bucket ? { bucket: options.bucket } : {}) });
  const server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoEntry[] }).orders;
  const client = () => createShopifyGraphqlClient({ shopDomain: options.shop, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
  return {
    emulator, baseUrl, demo, client,
    async control(path, body) {
      const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
      return (await fetch(`${baseUrl}/__sandbox/shopify/${path}`, init)).json();
    },
    async orderOf(scenario, index = 0) {
      const entry = demo.filter((o) => o.scenario === scenario)[index];
      if (!entry) throw new Error(`no demo order #${index} for ${scenario}`);
      const source = createShopifyOrderSource({ client: client(), gate: createThrottleGate({ maxWaitMs: 10_000 }) });
      const order = await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email });
      if (!order) throw new Error(`demo order ${entry.name} not found`);
      return order;
    },
    async close() {
      await emulator.webhooks.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
