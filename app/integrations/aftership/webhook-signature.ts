import { createHmac } from 'node:crypto';

/** AfterShip's `as-signature-hmac-sha256`: base64 HMAC-SHA256 of the exact body bytes, keyed with the webhook secret. */
export function signAftershipWebhook(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}
