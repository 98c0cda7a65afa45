import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerifier } from '~/webhooks/intake.server';

/** What a Loop delivery's headers say: nothing but its signature, so the body says the rest. */
export type VerifiedLoopDelivery = { receivedSignature: string };

/** `X-Loop-Signature`: base64 HMAC-SHA256 of the exact bytes Loop sent, keyed with the webhook secret. */
export function signLoopBody(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}

/**
 * Checks a Loop delivery over the raw body, before anything parses it: the signature is
 * recomputed and compared in constant time. Loop documents no timestamp header, so replays are
 * caught by the intake's dedupe, not here.
 */
export function createLoopWebhookVerifier(config: { webhookSecret: string }): WebhookVerifier<VerifiedLoopDelivery> {
  return {
    async verify(request, rawBody) {
      const received = request.headers.get('x-loop-signature')?.trim();
      if (!received) return { ok: false, reason: 'missing_signature' };
      if (!rawBody) return { ok: false, reason: 'missing_body' };
      const expected = Buffer.from(signLoopBody(config.webhookSecret, rawBody));
      const given = Buffer.from(received);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid_signature' };
      return { ok: true, delivery: { receivedSignature: received } };
    },
  };
}
