import type { CaseStore } from '~/cases/case-store';
import type { ShopifyReturns } from '~/cases/ports';
import type { ShopifyOrderCancel } from '~/cancellations/ports';
import type { ShopifyOrderAddress } from '~/address-changes/ports';
import type { ShopifyFulfillmentHolds } from '~/cancellations/hold-ports';
import type { Config } from '~/env.server';
import type { Helpdesk } from '~/helpdesk/ports';
import type { OrderSource } from '~/orders/ports';
import type { PhotoStore } from '~/photos/photo-store';
import type { Policy } from '~/policy/policy-schema';
import { log } from '~/utils/log.server';
import type { WebhookDeliveryStore } from '~/webhooks/ports';
import { createApplyWebhookHandler } from './apply-webhook.server';
import { applyKeptDeliveries, createApplyLabelWebhookHandler } from './apply-label-webhook.server';
import { createRequestLabelHandler } from './request-label.server';
import { createRecordTrackingHandler } from './record-return-tracking.server';
import { createReleaseExchangeHandler } from './release-exchange.server';
import type { ReverseDeliveries } from '~/integrations/shopify/reverse-deliveries.server';
import type { LabelProviderName } from '~/labels/ports';
import type { LabelProviders } from '~/labels/registry';
import { createGorgiasSyncHandler } from './gorgias-sync.server';
import { createExecuteCaseHandler } from './execute-case.server';
import { GORGIAS_SYNC_CASE, LABELS_APPLY_WEBHOOK, LABELS_REQUEST_LABEL, LEGACY_SHOPIFY_SUBMIT_RETURN, QUEUES, SHOPIFY_RECORD_RETURN_TRACKING, SHOPIFY_RELEASE_EXCHANGE, SHOPIFY_APPLY_WEBHOOK, SHOPIFY_EXECUTE_CASE, toGorgiasSyncKey, type QueueSettings } from './job-names';
import type { Queue } from './queue.server';
import type { JobHandlers } from './workers.server';
import type { Refunds } from '~/refunds/ports';
import type { Reships } from '~/replacements/ports';

export type JobDependencies = {
  config: Config;
  cases: CaseStore;
  policy: Policy;
  shopifyReturns: ShopifyReturns;
  orderCancel: ShopifyOrderCancel;
  orderAddress: ShopifyOrderAddress;
  /** Holds shipping while the team reviews a cancellation (the cancellation executor). */
  fulfillmentHolds?: ShopifyFulfillmentHolds;
  /** Refunds in Shopify: some items cancelled, a problem report's refund or store credit. */
  refunds?: Refunds;
  /** Free replacement orders: a problem report's reship. */
  reships?: Reships;
  /** An order changed in Shopify: every process drops its cached copies. */
  orderChanged?: (orderId: string) => void;
  clock: () => Date;
  /** The helpdesk; without it (or the three below) no helpdesk job is handled or sent. */
  helpdesk?: Helpdesk | null;
  orders?: Pick<OrderSource, 'getOrder'>;
  photos?: Pick<PhotoStore, 'get'>;
  queue?: Pick<Queue, 'send'>;
  /** Webhook deliveries and the order cache they drop; without them no webhook job is handled. */
  webhooks?: { deliveries: Pick<WebhookDeliveryStore, 'get' | 'purgeBefore' | 'listBySubject'>; invalidateOrder(orderId: string): void } | null;
  /** Label providers; with `orders`, the label jobs are handled (requests, and providers' webhooks with `webhooks`). */
  labels?: { providers: LabelProviders; defaultProvider: LabelProviderName } | null;
  /** Records shoppers' tracking numbers on Shopify returns; without it that job is not handled. */
  reverseDeliveries?: ReverseDeliveries | null;
  /** The queue settings given to `createQueue`, when not Comptoir's own (tests use short ones). */
  queues?: Record<string, QueueSettings>;
};

/**
 * The job handlers every worker process runs, built from the same dependencies in the web
 * process (workers on) and in `npm run worker`: the composition root's services fit as they are.
 */
export function createJobHandlers(dependencies: JobDependencies): JobHandlers {
  const queues: Record<string, QueueSettings> = dependencies.queues ?? QUEUES;
  const { helpdesk, orders, photos, queue } = dependencies;
  const delivery = helpdesk && orders && photos && queue ? { helpdesk, orders, photos, queue } : null;
  const requestHelpdeskSync = delivery ? (caseId: string) => sendGorgiasSync(delivery.queue, caseId) : undefined;
  // Outside the worker's transactions: a lost sync request is healed by the next one, since a
  // sync posts every event the ticket lacks. The legacy queue only drains what an older release left.
  const executeCase = (name: string) => createExecuteCaseHandler({
    ...dependencies,
    retryLimit: (queues[name] ?? QUEUES[SHOPIFY_EXECUTE_CASE]).retryLimit,
    requestHelpdeskSync,
  }) as JobHandlers[string];
  const handlers: JobHandlers = { [SHOPIFY_EXECUTE_CASE]: executeCase(SHOPIFY_EXECUTE_CASE) };
  if (LEGACY_SHOPIFY_SUBMIT_RETURN in queues) handlers[LEGACY_SHOPIFY_SUBMIT_RETURN] = executeCase(LEGACY_SHOPIFY_SUBMIT_RETURN);
  if (dependencies.webhooks) {
    handlers[SHOPIFY_APPLY_WEBHOOK] = createApplyWebhookHandler({
      cases: dependencies.cases,
      clock: dependencies.clock,
      deliveries: dependencies.webhooks.deliveries,
      invalidateOrder: dependencies.webhooks.invalidateOrder,
      caseReturns: dependencies.shopifyReturns,
      requestHelpdeskSync,
    }) as JobHandlers[string];
  }
  const { labels, webhooks } = dependencies;
  const parcelDeps = webhooks ? { cases: dependencies.cases, deliveries: webhooks.deliveries, clock: dependencies.clock, requestHelpdeskSync } : null;
  if (parcelDeps) handlers[LABELS_APPLY_WEBHOOK] = createApplyLabelWebhookHandler(parcelDeps) as JobHandlers[string];
  if (labels && orders) {
    handlers[LABELS_REQUEST_LABEL] = createRequestLabelHandler({
      cases: dependencies.cases,
      orders,
      labels,
      reasons: dependencies.policy.reasons,
      clock: dependencies.clock,
      retryLimit: (queues[LABELS_REQUEST_LABEL] ?? QUEUES[LABELS_REQUEST_LABEL]).retryLimit,
      applyKept: async (provider, providerReturnId) => {
        if (parcelDeps) await applyKeptDeliveries(parcelDeps, provider, providerReturnId);
      },
      requestHelpdeskSync,
    }) as JobHandlers[string];
  }
  handlers[SHOPIFY_RELEASE_EXCHANGE] = createReleaseExchangeHandler({
    cases: dependencies.cases,
    shopifyReturns: dependencies.shopifyReturns,
    clock: dependencies.clock,
    retryLimit: (queues[SHOPIFY_RELEASE_EXCHANGE] ?? QUEUES[SHOPIFY_RELEASE_EXCHANGE]).retryLimit,
    requestHelpdeskSync,
  }) as JobHandlers[string];
  if (dependencies.reverseDeliveries) {
    handlers[SHOPIFY_RECORD_RETURN_TRACKING] = createRecordTrackingHandler({
      cases: dependencies.cases,
      reverseDeliveries: dependencies.reverseDeliveries,
      retryLimit: (queues[SHOPIFY_RECORD_RETURN_TRACKING] ?? QUEUES[SHOPIFY_RECORD_RETURN_TRACKING]).retryLimit,
    }) as JobHandlers[string];
  }
  if (delivery) {
    handlers[GORGIAS_SYNC_CASE] = createGorgiasSyncHandler({
      ...dependencies,
      ...delivery,
      retryLimit: (queues[GORGIAS_SYNC_CASE] ?? QUEUES[GORGIAS_SYNC_CASE]).retryLimit,
    }) as JobHandlers[string];
  }
  return handlers;
}

/** Asks for a sync of the case's ticket; a failed send is logged, never thrown at the caller. */
async function sendGorgiasSync(queue: Pick<Queue, 'send'>, caseId: string): Promise<void> {
  try {
    await queue.send(GORGIAS_SYNC_CASE, { caseId }, { singletonKey: toGorgiasSyncKey(caseId) });
  } catch (error) {
    log.warn('jobs.gorgias_sync.send_failed', { caseId, message: (error as Error).message });
  }
}
