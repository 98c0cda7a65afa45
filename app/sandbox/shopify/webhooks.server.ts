import { deliverWithRetries } from '../webhook-delivery.server';
import { randomUUID } from 'node:crypto';
import { toShopifyWebhookRequest } from './webhook-signature.server';

/*
 * The emulator's webhook side: subscriptions made with `webhookSubscriptionCreate`, and delivery of
 * every event to each subscription of its topic — signed, asynchronous, retried with growing
 * delays on a non-2xx answer or after a 5-second timeout, as Shopify does (Shopify: 8 retries over
 * 4 hours; the sandbox default is 8 retries over about 4 minutes).
 */

export type Subscription = { id: string; legacyId: number; topic: string; uri: string; createdAt: string };

export type DeliveryLog = {
  webhookId: string; eventId: string; topic: string; uri: string;
  attempts: number; status: 'pending' | 'delivered' | 'failed'; lastStatus: number | null;
};

export type WebhookHubOptions = {
  secret: string;
  shopDomain: string;
  apiVersion: string;
  clock: () => Date;
  /** Waits before each retry; their count is the number of retries. */
  retryDelaysMs?: number[];
};

const DEFAULT_RETRY_DELAYS_MS = [1, 2, 4, 8, 16, 32, 64, 128].map((s) => s * 1000);
const ATTEMPT_TIMEOUT_MS = 5000;
const LOG_SIZE = 200;
const FIRST_LEGACY_ID = 1_044_800_000;

/** `https://…`, or `http://` on loopback only (the sandbox portal); Shopify itself takes https only. */
export function isAcceptedUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

export function createWebhookHub(options: WebhookHubOptions) {
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let subscriptions: Subscription[] = [];
  let log: DeliveryLog[] = [];
  const inFlight = new Set<Promise<void>>();

  async function deliver(entry: DeliveryLog, body: string, headers: Record<string, string>): Promise<void> {
    // A reset meanwhile drops the delivery.
    await deliverWithRetries(entry, { url: () => entry.uri, body, headers }, { retryDelays, timeoutMs: ATTEMPT_TIMEOUT_MS, stillWanted: () => log.includes(entry) });
  }

  return {
    /** Subscribes `uri` to `topic` (`RETURNS_APPROVE`); the same pair twice is refused, as Shopify does. */
    create(topic: string, uri: string): { subscription: Subscription } | { error: { field: string[]; message: string } } {
      if (!isAcceptedUri(uri)) return { error: { field: ['webhookSubscription', 'callbackUrl'], message: 'Address protocol http:// is not supported' } };
      if (subscriptions.some((s) => s.topic === topic && s.uri === uri)) {
        return { error: { field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' } };
      }
      const legacyId = FIRST_LEGACY_ID + subscriptions.length + 1;
      const subscription = { id: `gid://shopify/WebhookSubscription/${legacyId}`, legacyId, topic, uri, createdAt: options.clock().toISOString() };
      subscriptions = [...subscriptions, subscription];
      return { subscription };
    },
    list: () => subscriptions,
    /** Sends `payload` to every subscription of `topic` (`returns/approve`), in the background. */
    emit(topic: string, payload: unknown): void {
      const enumTopic = topic.toUpperCase().replace('/', '_');
      const eventId = randomUUID();
      const triggeredAt = options.clock();
      for (const subscription of subscriptions.filter((s) => s.topic === enumTopic)) {
        const webhookId = randomUUID();
        const { body, headers } = toShopifyWebhookRequest(options.secret, {
          topic, shopDomain: options.shopDomain, apiVersion: options.apiVersion, eventId, webhookId, triggeredAt, payload,
        });
        const entry: DeliveryLog = { webhookId, eventId, topic, uri: subscription.uri, attempts: 0, status: 'pending', lastStatus: null };
        log = [entry, ...log].slice(0, LOG_SIZE);
        const running = deliver(entry, body, headers).finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
    },
    /** Recent deliveries, newest first. */
    deliveries: () => log,
    /** Resolves once no delivery is in flight (tests, benchmarks). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** Drops the delivery log; subscriptions belong to the app and survive a data reset. */
    reset(): void {
      log = [];
    },
  };
}

export type WebhookHub = ReturnType<typeof createWebhookHub>;
