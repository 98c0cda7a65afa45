import type { ParcelUpdate } from '~/labels/ports';
import type { ShopifyEvent } from './shopify-events';

type DeliveryFields = {
  /** `<vendor>:<event id>`: the same event delivered twice has the same id. */
  id: string;
  topic: string;
  webhookId: string;
  triggeredAt: Date | null;
};

/**
 * A verified delivery, reduced to what the portal keeps: Shopify's order and return events, and
 * the label providers' news of a return parcel. Each vendor the intake takes joins this union.
 */
export type WebhookDelivery =
  | (DeliveryFields & { vendor: 'shopify'; event: ShopifyEvent })
  | (DeliveryFields & { vendor: ParcelUpdate['provider']; event: ParcelUpdate });

export type RecordResult = 'recorded' | 'duplicate';

/** Deliveries seen, for dedupe; the job that applies one reads it back from here. */
export interface WebhookDeliveryStore {
  /**
   * Saves the delivery and queues its job (`queueJob`, given the transaction) together; a delivery
   * whose id was seen before saves and queues nothing, even when two arrive at once.
   */
  record(delivery: WebhookDelivery, receivedAt: Date, queueJob: (deliveryId: string, transaction: unknown) => Promise<void>): Promise<RecordResult>;
  /** The delivery, or null for an unknown id. */
  get(id: string): Promise<WebhookDelivery | null>;
  /**
   * Label providers' deliveries about one return (`<provider>:<provider return id>`), each with
   * when it arrived: those kept while no case claimed that return.
   */
  listBySubject(subject: string): Promise<(WebhookDelivery & { receivedAt: Date })[]>;
  /**
   * Forgets deliveries received before `before`; label providers' deliveries only before
   * `keptBefore` (defaults to `before`). Returns how many.
   */
  purgeBefore(before: Date, keptBefore?: Date): Promise<number>;
}

/**
 * How long a delivery is remembered for dedupe: far beyond Shopify's retries (8 over 4 hours), so
 * a replay inside that window is always caught.
 */
export const DELIVERY_RETENTION_MS = 7 * 86_400_000;

/**
 * How long a label provider's delivery is kept: it may wait for the case that claims its return,
 * whose label job retries for about a day and may be parked and re-driven within the 30 days a
 * parked job is kept (job-names.ts). Past that, no case will claim it.
 */
export const KEPT_DELIVERY_RETENTION_MS = 30 * 86_400_000;
