import type { ParsedWebhook } from '~/webhooks/intake.server';
import { isShopifyWebhookTopic, toShopifyEvent } from '~/webhooks/shopify-events';
import type { VerifiedShopifyDelivery } from './webhook-verifier.server';

/**
 * Reads a Shopify delivery whose HMAC held: the one shop this portal serves, a topic it subscribes
 * to, a payload of the shape it knows. Anything else is acknowledged and dropped, since Shopify
 * would only send the same bytes again. The event id is `X-Shopify-Event-Id`, shared by every
 * subscription and retry of one event; older deliveries without it fall back to the webhook id.
 */
export function toShopifyWebhookParser(shopDomain: string) {
  return (delivery: VerifiedShopifyDelivery, rawBody: string): ParsedWebhook => {
    const ignore = (why: string): ParsedWebhook => ({ ok: false, topic: delivery.topic, why });
    if (delivery.shopDomain.toLowerCase() !== shopDomain.toLowerCase()) return ignore('other_shop');
    if (!isShopifyWebhookTopic(delivery.topic)) return ignore('topic');
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      return ignore('not_json');
    }
    const event = toShopifyEvent(delivery.topic, payload);
    if (!event) return ignore('shape');
    return {
      ok: true, eventId: delivery.eventId ?? delivery.webhookId, topic: delivery.topic, webhookId: delivery.webhookId,
      triggeredAt: delivery.triggeredAt, event, staleOrderId: event.orderId,
    };
  };
}
