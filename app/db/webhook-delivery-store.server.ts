import { and, asc, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { toParcelSubject } from '~/labels/subject';
import { ParcelUpdateSchema } from '~/labels/parcel-update';
import { ShopifyEventSchema } from '~/webhooks/shopify-events';
import type { WebhookDelivery, WebhookDeliveryStore } from '~/webhooks/ports';
import type { Database } from './client.server';
import { webhookDeliveries } from './schema';

/**
 * Deliveries in `webhook_deliveries`. The insert and the job share one transaction, so a delivery
 * is recorded if and only if its job exists; the primary key is the dedupe (`ON CONFLICT DO
 * NOTHING` makes a concurrent duplicate wait for the first and then insert nothing).
 */
export function createDbWebhookDeliveryStore(db: Database): WebhookDeliveryStore {
  return {
    async record(delivery, receivedAt, queueJob) {
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(webhookDeliveries)
          .values({ ...delivery, receivedAt, event: parseEvent(delivery.vendor, delivery.event), subject: toSubject(delivery) })
          .onConflictDoNothing()
          .returning({ id: webhookDeliveries.id });
        if (inserted.length === 0) return 'duplicate';
        await queueJob(delivery.id, tx);
        return 'recorded';
      });
    },
    async get(id) {
      const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
      return row ? toDelivery(row) : null;
    },
    async listBySubject(subject) {
      const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subject, subject)).orderBy(asc(webhookDeliveries.receivedAt));
      return rows.map((row) => ({ ...toDelivery(row), receivedAt: row.receivedAt }));
    },
    async purgeBefore(before, keptBefore = before) {
      const removed = await db
        .delete(webhookDeliveries)
        .where(or(
          and(isNull(webhookDeliveries.subject), lt(webhookDeliveries.receivedAt, before)),
          and(isNotNull(webhookDeliveries.subject), lt(webhookDeliveries.receivedAt, keptBefore)),
        ))
        .returning({ id: webhookDeliveries.id });
      return removed.length;
    },
  };
}

function toDelivery(row: typeof webhookDeliveries.$inferSelect): WebhookDelivery {
  const fields = { id: row.id, topic: row.topic, webhookId: row.webhookId, triggeredAt: row.triggeredAt };
  if (row.vendor === 'shopify') return { ...fields, vendor: 'shopify', event: ShopifyEventSchema.parse(row.event) };
  const event = ParcelUpdateSchema.parse(row.event);
  return { ...fields, vendor: event.provider, event };
}

/** A label provider's delivery names its return, so it can wait for the case that claims it. */
const toSubject = (delivery: WebhookDelivery) => (delivery.vendor === 'shopify' ? null : toParcelSubject(delivery.event.provider, delivery.event.providerReturnId));

/** The event as the column keeps it: each vendor's own schema, so nothing unparsed is stored. */
function parseEvent(vendor: WebhookDelivery['vendor'], event: unknown) {
  if (vendor === 'shopify') return ShopifyEventSchema.parse(event);
  const update = ParcelUpdateSchema.parse(event);
  if (update.provider !== vendor) throw new Error(`A ${vendor} delivery carries a ${update.provider} update`);
  return { ...update, occurredAt: update.occurredAt?.toISOString() ?? null };
}
