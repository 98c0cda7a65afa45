import { z } from 'zod';
import { applyShopifyEvent, type ApplyEventDeps } from '~/webhooks/apply-event.server';
import type { WebhookDeliveryStore } from '~/webhooks/ports';
import { log } from '~/utils/log.server';
import { parkJob, type JobHandler } from './queue.server';

export const ApplyWebhookJobSchema = z.object({ deliveryId: z.string().min(1).max(300) });

export type ApplyWebhookDependencies = ApplyEventDeps & { deliveries: Pick<WebhookDeliveryStore, 'get'> };

/**
 * The `shopify.apply-webhook` worker: reads the recorded delivery and applies its event. A
 * database error is thrown and retried; applying twice changes nothing the second time.
 */
export function createApplyWebhookHandler(deps: ApplyWebhookDependencies): JobHandler {
  return async (data) => {
    const { deliveryId } = ApplyWebhookJobSchema.parse(data);
    const delivery = await deps.deliveries.get(deliveryId);
    if (!delivery) {
      // Written in the delivery's own transaction: a bug, parked where someone will see it.
      log.error('jobs.apply_webhook.unknown_delivery', { deliveryId });
      return parkJob('UNKNOWN_DELIVERY');
    }
    const result = await applyShopifyEvent(deps, delivery.event, { topic: delivery.topic });
    log.info('jobs.apply_webhook.done', { deliveryId, topic: delivery.topic, status: result.status, ...('caseId' in result ? { caseId: result.caseId } : {}) });
  };
}
