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
  /** Forgets deliveries received before `before`; returns how many. */
  purgeBefore(before: Date): Promise<number>;
}

/**
 * How long a delivery is remembered for dedupe: far beyond Shopify's retries (8 over 4 hours), so
 * a replay inside that window is always caught.
 */
export const DELIVERY_RETENTION_MS = 7 * 86_400_000;
