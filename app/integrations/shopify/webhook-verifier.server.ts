import '@shopify/shopify-api/adapters/node';
import { LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { SHOPIFY_API_VERSION } from './client.server';

/** The headers of a delivery whose signature holds. */
export type VerifiedShopifyDelivery = {
  topic: string;
  shopDomain: string;
  apiVersion: string;
  /** `X-Shopify-Webhook-Id`: one per delivery attempt series. */
  webhookId: string;
  /** `X-Shopify-Event-Id`: one per event, shared by every subscription and retry; null when absent. */
  eventId: string | null;
  triggeredAt: Date | null;
};

export type ShopifyVerifyResult =
  | { ok: true; delivery: VerifiedShopifyDelivery }
  | { ok: false; reason: 'invalid_hmac' | 'missing_hmac' | 'missing_body' | 'missing_headers' };

export type ShopifyWebhookVerifier = {
  /** Checks the HMAC of the exact bytes received, and the headers Shopify always sends. */
  verify(request: { headers: Headers; method: string; url: string }, rawBody: string): Promise<ShopifyVerifyResult>;
};

/**
 * Verifies Shopify webhooks with @shopify/shopify-api's own `webhooks.validate` (HMAC-SHA256 of
 * the raw body, base64, compared in constant time), keyed with the app's secret. Its own
 * instance of the library: validation needs only the secret, not a session or a token.
 */
export function createShopifyWebhookVerifier(config: { apiSecret: string }): ShopifyWebhookVerifier {
  const shopify = shopifyApi({
    apiSecretKey: config.apiSecret,
    // Required by the library for non-custom-store configs; unused by webhook validation.
    apiKey: 'comptoir',
    apiVersion: SHOPIFY_API_VERSION,
    hostName: 'localhost',
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  return {
    async verify(request, rawBody) {
      // The node adapter reads `headers` as a plain object, `method` and `url`: enough of a request.
      const rawRequest = { headers: Object.fromEntries(request.headers), method: request.method, url: request.url };
      const result = await shopify.webhooks.validate({ rawBody, rawRequest, rawResponse: {} });
      if (!result.valid) {
        const reason = result.reason as string;
        return { ok: false, reason: reason === 'missing_body' || reason === 'missing_hmac' || reason === 'missing_headers' ? reason : 'invalid_hmac' };
      }
      const triggeredAt = 'triggeredAt' in result && result.triggeredAt ? new Date(result.triggeredAt) : null;
      return {
        ok: true,
        delivery: {
          topic: request.headers.get('x-shopify-topic') ?? request.headers.get('shopify-topic') ?? result.topic,
          shopDomain: result.domain,
          apiVersion: result.apiVersion,
          webhookId: result.webhookId,
          eventId: 'eventId' in result && typeof result.eventId === 'string' ? result.eventId : null,
          triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
        },
      };
    },
  };
}
