import { toWebhookSource, type WebhookSource } from '~/webhooks/intake.server';
import type { AftershipConfig } from './env.server';
import { parseAftershipWebhook } from './webhook-parser';
import { createAftershipWebhookVerifier } from './webhook-verifier.server';

/** AfterShip as a source of the one intake (`POST /webhooks/aftership`); `jobName` applies a delivery. */
export function createAftershipWebhookSource(config: Pick<AftershipConfig, 'webhookSecret'>, jobName: string): WebhookSource {
  return toWebhookSource('aftership', jobName, createAftershipWebhookVerifier({ secret: config.webhookSecret }), parseAftershipWebhook);
}
