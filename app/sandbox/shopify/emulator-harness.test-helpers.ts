import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator, type ShopifyEmulatorOptions } from './emulator.server';

export const SANDBOX_TOKEN = 'shpat_test_token';

/** A settable clock, so tests move time instead of waiting. */
export function createTestClock(start: string) {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export type GraphqlReply = {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; locations?: unknown; extensions?: Record<string, any> }> | string;
    extensions?: { cost?: Record<string, any>; search?: unknown };
  };
};

/** Starts an emulator on an ephemeral loopback port, over real HTTP, as the app will reach it. */
export async function startEmulator(options: ShopifyEmulatorOptions = {}) {
  const emulator = createShopifyEmulator({ accessToken: SANDBOX_TOKEN, ...options });
  const server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function graphql(query: string, variables?: Record<string, unknown>, token = SANDBOX_TOKEN): Promise<GraphqlReply> {
    const response = await fetch(`${url}/admin/api/2026-10/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
  }

  return {
    url,
    emulator,
    graphql,
    post: (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

const SUBSCRIBE = `mutation($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) { userErrors { message } } }`;

/**
 * A loopback address subscribed to `topics` (`RETURNS_CLOSE`, ...) on the emulator: what Shopify
 * sends there is kept, in order, as `received`; `clear` empties it between tests.
 */
export async function receiveWebhooks(shop: RunningEmulator, topics: readonly string[]) {
  const received: Array<{ topic: string; body: Record<string, any> }> = [];
  const server = createServer(toNodeHandler(async (request) => {
    received.push({ topic: request.headers.get('x-shopify-topic') ?? '', body: await request.json() });
    return new Response(null, { status: 200 });
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/shopify`;
  for (const topic of topics) {
    const reply = await shop.graphql(SUBSCRIBE, { topic, uri });
    if (reply.body.data?.webhookSubscriptionCreate.userErrors.length) throw new Error(`could not subscribe to ${topic}`);
  }
  return {
    received,
    /** The bodies sent for `topic` so far, once every delivery under way has landed. */
    async of(topic: string) {
      await shop.emulator.webhooks.idle();
      return received.filter((hook) => hook.topic === topic).map((hook) => hook.body);
    },
    clear: () => void (received.length = 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof receiveWebhooks>>;

/**
 * A test file's emulator and webhook receiver: started before its tests, reset (and the receiver
 * emptied) before each once every delivery under way has landed, stopped after. `use` hands them
 * to the file's own variables.
 */
export function useEmulatorWithWebhooks(options: ShopifyEmulatorOptions, topics: readonly string[], use: (shop: RunningEmulator, hooks: WebhookReceiver) => void) {
  let shop: RunningEmulator;
  let hooks: WebhookReceiver;
  beforeAll(async () => {
    shop = await startEmulator(options);
    hooks = await receiveWebhooks(shop, topics);
    use(shop, hooks);
  });
  afterAll(async () => {
    await shop.emulator.webhooks.idle();
    await shop.close();
    await hooks.close();
  });
  beforeEach(async () => {
    await shop.emulator.webhooks.idle();
    shop.emulator.reset();
    hooks.clear();
  });
}
