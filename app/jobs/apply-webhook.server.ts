import { z } from 'zod';
import { applyShopifyEvent, type ApplyEventDeps } from '~/webhooks/apply-event.server';
import { DELIVERY_RETENTION_MS, KEPT_DELIVERY_RETENTION_MS, type WebhookDeliveryStore } from '~/webhooks/ports';
import { log } from '~/utils/log.server';
import { parkJob, type JobHandler } from './queue.server';

export const ApplyWebhookJobSchema = z.object({ deliveryId: z.string().min(1).max(300) });

export type ApplyWebhookDependencies = ApplyEventDeps & { deliveries: Pick<WebhookDeliveryStore, 'get' | 'purgeBefore'> };

/** Old deliveries are forgotten at most once an hour per worker, after a job, off the request path. */
const PURGE_EVERY_MS = 3_600_000;

/**
 * The `shopify.apply-webhook` worker: reads the recorded delivery and applies its event. A
 * database error is thrown and retried; applying twice changes nothing the second time.
 */
export function createApplyWebhookHandler(deps: ApplyWebhookDependencies): JobHandler {
  let purgedAt = 0;
  return async (data) => {
    const { deliveryId } = ApplyWebhookJobSchema.parse(data);
    const delivery = await deps.deliveries.get(deliveryId);
    if (!delivery) {
      // Written in the delivery's own transaction: a bug, parked where someone will see it.
      log.error('jobs.apply_webhook.unknown_delivery', { deliveryId });
      return parkJob('UNKNOWN_DELIVERY');
    }
    if (delivery.vendor !== 'shopify') {
      // Each vendor's deliveries are queued to its own job: a bug, parked likewise.
      log.error('jobs.apply_webhook.wrong_vendor', { deliveryId, vendor: delivery.vendor });
      return parkJob('WRONG_VENDOR');
    }
    const result = await applyShopifyEvent(deps, delivery.event, { topic: delivery.topic });
    log.info('jobs.apply_webhook.done', { deliveryId, topic: delivery.topic, status: result.status, ...('caseId' in result ? { caseId: result.caseId } : {}), ...('caseIds' in result ? { caseIds: result.caseIds.join(' ') } : {}) });
    const now = deps.clock().getTime();
    if (now - purgedAt >= PURGE_EVERY_MS) {
      purgedAt = now;
      const purged = await deps.deliveries.purgeBefore(new Date(now - DELIVERY_RETENTION_MS), new Date(now - KEPT_DELIVERY_RETENTION_MS));
      if (purged > 0) log.info('webhooks.purged', { purged });
    }
  };
}
