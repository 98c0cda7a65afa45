import { z } from 'zod';
import type { ParcelStep } from '~/labels/ports';
import type { ParsedWebhook } from '~/webhooks/intake.server';
import { toIssuedLabel, toParcelUpdate, toReportedRefund, toShippingStep } from './parcel-update';
import { ReturnSchema, type AftershipReturn } from './schemas';

/** The delivery envelope: `data` is a full snapshot of the return; `modified` (2024-10+) is not read. */
const EnvelopeSchema = z.object({
  id: z.string().min(1),
  version: z.string().optional(),
  event: z.string().min(1),
  created_at: z.string().optional(),
  data: ReturnSchema,
});

/**
 * What each event means for the parcel, from the snapshot it carries; null when it says nothing we
 * show (a return submitted, approved before its label exists). Events we do not know are dropped.
 */
const EVENT_STEPS: Record<string, (ret: AftershipReturn) => ParcelStep | null> = {
  'return.submitted': () => null,
  'return.approved': (ret) => (toIssuedLabel(ret) ? 'label_issued' : null),
  'return.shipment.provided': shipmentStep,
  'return.shipments.provided': shipmentStep,
  'return.shipment.recorded': shipmentStep,
  'return.shipment.updated': shipmentStep,
  'return.receiving.created': () => 'received_by_store',
  'return.resolved': (ret) => {
    const refund = toReportedRefund(ret);
    if (!refund && !ret.refunded_at) return null;
    return refund?.method === 'store_credit' ? 'store_credit_issued' : 'refunded';
  },
  'return.rejected': () => 'return_cancelled',
  'return.expired': () => 'label_expired',
};

function shipmentStep(ret: AftershipReturn): ParcelStep | null {
  return toShippingStep(ret) ?? (toIssuedLabel(ret) ? 'label_issued' : null);
}

const toDate = (value: string | undefined) => {
  const parsed = value ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
};

/**
 * Reads a delivery whose signature held; pure, never throws. The dedupe key is the envelope's `id`,
 * the same on every retry of one event. Anything that moves nothing is acknowledged and dropped.
 */
export function parseAftershipWebhook(_delivery: unknown, rawBody: string): ParsedWebhook {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { ok: false, topic: 'unknown', why: 'not_json' };
  }
  const topic = typeof (payload as { event?: unknown } | null)?.event === 'string' ? (payload as { event: string }).event : 'unknown';
  const parsed = EnvelopeSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, topic, why: 'shape' };
  const { id, event, created_at: createdAt, data } = parsed.data;
  const toStep = EVENT_STEPS[event];
  if (!toStep) return { ok: false, topic: event, why: 'topic' };
  const step = toStep(data);
  if (step === null) return { ok: false, topic: event, why: 'no_step' };
  const triggeredAt = toDate(createdAt);
  return {
    ok: true, eventId: id, topic: event, webhookId: id, triggeredAt, event: toParcelUpdate(data, step, triggeredAt), staleOrderId: null,
  };
}
