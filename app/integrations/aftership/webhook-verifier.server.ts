import { timingSafeEqual } from 'node:crypto';
import type { WebhookVerifier } from '~/webhooks/intake.server';
import { signAftershipWebhook } from './webhook-signature';

/** AfterShip signs the body only: the delivery's facts (event id, event name) are in the body. */
export type VerifiedAftershipDelivery = { header: 'as-signature-hmac-sha256' | 'am-webhook-signature' };

const LEGACY_PREFIX = 'hmac-sha256=';

/** Constant-time comparison of two base64 signatures, by their decoded bytes. */
function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim(), 'base64');
  const b = Buffer.from(expected, 'base64');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * Checks `as-signature-hmac-sha256` (base64 HMAC-SHA256 of the raw body), or on organizations made
 * before October 2022 `am-webhook-signature: hmac-sha256=<base64>`, against the webhook secret.
 */
export function createAftershipWebhookVerifier(config: { secret: string }): WebhookVerifier<VerifiedAftershipDelivery> {
  return {
    async verify(request, rawBody) {
      if (!rawBody) return { ok: false, reason: 'missing_body' };
      const expected = signAftershipWebhook(config.secret, rawBody);
      const current = request.headers.get('as-signature-hmac-sha256');
      if (current !== null) {
        return sameSignature(current, expected) ? { ok: true, delivery: { header: 'as-signature-hmac-sha256' } } : { ok: false, reason: 'invalid_hmac' };
      }
      const legacy = request.headers.get('am-webhook-signature')?.trim();
      if (legacy === undefined) return { ok: false, reason: 'missing_hmac' };
      const value = legacy.toLowerCase().startsWith(LEGACY_PREFIX) ? legacy.slice(LEGACY_PREFIX.length) : '';
      return sameSignature(value, expected) ? { ok: true, delivery: { header: 'am-webhook-signature' } } : { ok: false, reason: 'invalid_hmac' };
    },
  };
}
