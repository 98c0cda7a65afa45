import type { ShopifyEvent } from './shopify-events';

/** A verified delivery, reduced to what the portal keeps. */
export type WebhookDelivery = {
  /** `<vendor>:<event id>`: the same event delivered twice has the same id. */
  id: string;
  vendor: 'shopify';
  topic: string;
  webhookId: string;
  triggeredAt: Date | null;
  event: ShopifyEvent;
};

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
}
