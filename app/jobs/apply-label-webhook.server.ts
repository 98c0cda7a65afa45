import { z } from 'zod';
import { applyParcelUpdate, type ApplyParcelDeps } from '~/labels/apply-parcel-update.server';
import { sortByOccurrence } from '~/labels/parcel-steps';
import type { LabelProviderName } from '~/labels/ports';
import { toParcelSubject } from '~/labels/subject';
import { log } from '~/utils/log.server';
import type { WebhookDeliveryStore } from '~/webhooks/ports';
import { parkJob, type JobHandler } from './queue.server';

export const ApplyLabelWebhookJobSchema = z.object({ deliveryId: z.string().min(1).max(300) });

export type ApplyLabelWebhookDependencies = ApplyParcelDeps & { deliveries: Pick<WebhookDeliveryStore, 'get' | 'listBySubject'> };

/**
 * The `labels.apply-webhook` worker: reads a label provider's recorded delivery and applies its
 * parcel update. One about a return no case claims yet is kept (its row, by `subject`) and done:
 * the label job applies it once a case records that return (`applyKeptDeliveries`). The old
 * deliveries' purge runs in `shopify.apply-webhook` (kept ones 30 days, see webhooks/ports.ts).
 */
export function createApplyLabelWebhookHandler(deps: ApplyLabelWebhookDependencies): JobHandler {
  return async (data) => {
    const { deliveryId } = ApplyLabelWebhookJobSchema.parse(data);
    const delivery = await deps.deliveries.get(deliveryId);
    if (!delivery) {
      log.error('jobs.apply_label_webhook.unknown_delivery', { deliveryId });
      return parkJob('UNKNOWN_DELIVERY');
    }
    if (delivery.vendor === 'shopify') {
      log.error('jobs.apply_label_webhook.wrong_vendor', { deliveryId, vendor: delivery.vendor });
      return parkJob('WRONG_VENDOR');
    }
    const result = await applyParcelUpdate(deps, delivery.event);
    log.info('jobs.apply_label_webhook.done', {
      deliveryId, topic: delivery.topic, status: result.status === 'no_case' ? 'kept' : result.status, ...('caseId' in result ? { caseId: result.caseId } : {}),
    });
  };
}

/**
 * Applies, in the order they happened, the deliveries a provider sent about a return before a
 * case held its id. Each is applied as a fresh delivery would be, so one already applied changes
 * nothing again.
 */
export async function applyKeptDeliveries(deps: ApplyLabelWebhookDependencies, provider: LabelProviderName, providerReturnId: string): Promise<number> {
  const kept = await deps.deliveries.listBySubject(toParcelSubject(provider, providerReturnId));
  const updates = kept.flatMap((delivery) => (delivery.vendor === 'shopify' ? [] : [{ event: delivery.event, receivedAt: delivery.receivedAt }]));
  let moved = 0;
  for (const { event } of sortByOccurrence(updates)) {
    const result = await applyParcelUpdate(deps, event);
    if (result.status === 'moved') moved += 1;
  }
  if (kept.length > 0) log.info('jobs.apply_label_webhook.kept_applied', { provider, kept: kept.length, moved });
  return moved;
}
