import { log } from '~/utils/log.server';
import { toWebhookSource, type WebhookSource } from '~/webhooks/intake.server';
import { parseLoopWebhook } from './webhook-parser';
import { createLoopWebhookVerifier } from './webhook-verifier.server';

/**
 * Loop's entry in the webhook intake (`/webhooks/loop`): its signature check and its parser, and
 * the job that applies a delivery (`labels.apply-webhook`, named by the caller so this adapter
 * does not depend on the job registry). A carrier failure (`label_status` failure or error) moves
 * no case, so it is logged here for whoever watches the logs.
 */
export function createLoopWebhookSource(config: { webhookSecret: string; job: string }): WebhookSource {
  return toWebhookSource('loop', config.job, createLoopWebhookVerifier(config), (delivery, rawBody) => {
    const parsed = parseLoopWebhook(delivery, rawBody);
    const event = parsed.ok && 'providerReturnId' in parsed.event ? parsed.event : null;
    if (event && parsed.topic.startsWith('label.') && event.step === null) {
      log.warn('loop.label_without_step', { providerReturnId: event.providerReturnId });
    }
    return parsed;
  });
}
