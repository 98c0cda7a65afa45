import { createHmac, randomUUID } from 'node:crypto';

/** Shopify's `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the exact body bytes, keyed with the app's secret. */
export function signShopifyWebhook(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export type ShopifyWebhookMessage = {
  topic: string;
  shopDomain: string;
  apiVersion: string;
  /** One per event: every subscription and every retry of it carries the same. */
  eventId?: string;
  /** One per delivery to one subscription; retries keep it. */
  webhookId?: string;
  triggeredAt?: Date;
  payload: unknown;
};

/**
 * The body and headers of one delivery, as Shopify sends them: what the emulator posts, and what
 * tests post to play Shopify (with a wrong secret to play an attacker).
 */
export function toShopifyWebhookRequest(secret: string, message: ShopifyWebhookMessage): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(message.payload);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Shopify-Captain-Hook',
      'X-Shopify-Topic': message.topic,
      'X-Shopify-Hmac-Sha256': signShopifyWebhook(secret, body),
      'X-Shopify-Shop-Domain': message.shopDomain,
      'X-Shopify-API-Version': message.apiVersion,
      'X-Shopify-Webhook-Id': message.webhookId ?? randomUUID(),
      'X-Shopify-Event-Id': message.eventId ?? randomUUID(),
      'X-Shopify-Triggered-At': (message.triggeredAt ?? new Date()).toISOString(),
    },
  };
}
