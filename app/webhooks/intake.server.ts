import type { ShopifyWebhookVerifier } from '~/integrations/shopify/webhook-verifier.server';
import { SHOPIFY_APPLY_WEBHOOK } from '~/jobs/job-names';
import type { Queue } from '~/jobs/queue.server';
import type { Database } from '~/db/client.server';
import { log } from '~/utils/log.server';
import type { WebhookDeliveryStore } from './ports';
import { isShopifyWebhookTopic, toShopifyEvent, type ShopifyEvent } from './shopify-events';

/** Shopify's payloads are a few kilobytes; an order with hundreds of lines stays far below this. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export type IntakeDeps = {
  verifier: ShopifyWebhookVerifier;
  deliveries: Pick<WebhookDeliveryStore, 'record'>;
  queue: Pick<Queue, 'send'>;
  /** The one shop this portal serves: a delivery for another is acknowledged and ignored. */
  shopDomain: string;
  /** Drops the order from this process's cache at once, before the job runs (maybe elsewhere). */
  invalidateOrder(orderId: string): void;
  clock: () => Date;
};

/**
 * How a delivery ended. Only `unsigned` and `too_large` are refused: anything Shopify signed is
 * acknowledged (200), since a retry of the same bytes could never do better.
 */
export type IntakeOutcome = 'queued' | 'duplicate' | 'ignored' | 'unsigned' | 'too_large';

/**
 * The one path of a Shopify delivery: bounded raw body → signature (before anything is parsed) →
 * topic and payload → recorded once per event id, with its job, in one transaction → answered.
 * The work itself (cases, helpdesk) happens in the job, so Shopify gets its answer in
 * milliseconds, well inside its 5-second timeout.
 */
export async function receiveShopifyWebhook(deps: IntakeDeps, request: Request): Promise<IntakeOutcome> {
  const rawBody = await readBoundedText(request, MAX_WEBHOOK_BYTES);
  if (rawBody === null) return 'too_large';
  const verified = await deps.verifier.verify(request, rawBody);
  if (!verified.ok) {
    log.warn('webhooks.refused', { vendor: 'shopify', reason: verified.reason });
    return 'unsigned';
  }
  const { delivery } = verified;
  const ignore = (why: string) => {
    log.info('webhooks.ignored', { vendor: 'shopify', topic: delivery.topic, why });
    return 'ignored' as const;
  };
  if (delivery.shopDomain.toLowerCase() !== deps.shopDomain.toLowerCase()) return ignore('other_shop');
  if (!isShopifyWebhookTopic(delivery.topic)) return ignore('topic');
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return ignore('not_json');
  }
  const event = toShopifyEvent(delivery.topic, payload);
  if (!event) return ignore('shape');
  dropCachedOrder(deps, event);
  const eventId = delivery.eventId ?? delivery.webhookId ?? request.headers.get('webhook-id');
  const record = {
    id: `shopify:${eventId}`,
    vendor: 'shopify' as const,
    topic: delivery.topic,
    webhookId: delivery.webhookId,
    triggeredAt: delivery.triggeredAt,
    event,
  };
  const outcome = await deps.deliveries.record(record, deps.clock(), async (deliveryId, transaction) => {
    await deps.queue.send(SHOPIFY_APPLY_WEBHOOK, { deliveryId }, { transaction: transaction as Database });
  });
  return outcome === 'recorded' ? 'queued' : 'duplicate';
}

function dropCachedOrder(deps: IntakeDeps, event: ShopifyEvent) {
  if (event.orderId) deps.invalidateOrder(event.orderId);
}

/** The body as text, or null past `limit` bytes (by the header or by counting what arrives). */
async function readBoundedText(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
