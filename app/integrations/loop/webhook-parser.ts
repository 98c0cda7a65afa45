import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ParcelUpdate } from '~/labels/ports';
import type { ParsedWebhook } from '~/webhooks/intake.server';
import { LoopIdSchema, LoopReturnSchema } from './schemas';
import { toLabelStep, toParcelUpdate } from './to-parcel-update';
import type { VerifiedLoopDelivery } from './webhook-verifier.server';

const text = z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined ? null : String(value)));

const EnvelopeSchema = z.object({ topic: z.string(), trigger: z.string().nullish() });

/** The label topic: one return's label, by its return id (`return_id`, or `id` on older pages). */
const LabelPayloadSchema = z
  .object({
    id: LoopIdSchema.nullish(),
    return_id: LoopIdSchema.nullish(),
    carrier: text,
    tracking_number: text,
    label_status: text,
    label_url: text,
    label_updated_at: text,
  })
  .refine((payload) => payload.return_id || payload.id, 'a return id');

const RETURN_TRIGGERS = ['return.created', 'return.updated', 'return.closed'];
const LABEL_TRIGGERS = ['label.created', 'label.updated', 'label.requested', 'label.closed'];

/** An older page names triggers without their topic (`updated`): read both the same way. */
const toTrigger = (topic: string, trigger: string | null | undefined) => (trigger && !trigger.includes('.') ? `${topic}.${trigger}` : trigger ?? `${topic}.updated`);

const toDate = (value: string | null) => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/**
 * Loop sends no event or delivery id, and its retries resend the same bytes. So the dedupe key is
 * a hash of what makes one event: topic, trigger, the return, where it stands (state, label
 * status) and when Loop last changed it. A retry or a duplicate hashes the same; a later change
 * moves `updated_at` (or the label's status and time) and hashes anew. Hashing the whole body
 * would also split events Loop re-sends with a field added or reordered.
 */
export function toLoopEventId(parts: Array<string | null | undefined>): string {
  return createHash('sha256').update(parts.map((part) => part ?? '').join('\u001f')).digest('hex').slice(0, 40);
}

/**
 * Reads a Loop delivery whose signature held, purely: the return and label topics become a
 * `ParcelUpdate`; any other topic, an empty payload (Loop sends one when a subscription's topic
 * and trigger don't match) or an unknown shape is acknowledged and dropped with the reason.
 */
export function parseLoopWebhook(_delivery: VerifiedLoopDelivery, rawBody: string): ParsedWebhook {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { ok: false, topic: 'unknown', why: 'not_json' };
  }
  const envelope = EnvelopeSchema.safeParse(payload);
  if (!envelope.success) return { ok: false, topic: 'unknown', why: 'no_topic' };
  const topic = envelope.data.topic.toLowerCase();
  const trigger = toTrigger(topic, envelope.data.trigger?.toLowerCase());
  const ignore = (why: string): ParsedWebhook => ({ ok: false, topic: trigger, why });

  let event: ParcelUpdate;
  let key: Array<string | null | undefined>;
  if (topic === 'return' && RETURN_TRIGGERS.includes(trigger)) {
    const parsed = LoopReturnSchema.safeParse(payload);
    if (!parsed.success) return ignore('shape');
    event = toParcelUpdate(parsed.data);
    key = [topic, trigger, parsed.data.id, parsed.data.state, parsed.data.labels?.[0]?.status ?? parsed.data.label_status, parsed.data.updated_at, String(parsed.data.refunds?.length ?? 0)];
  } else if (topic === 'label' && LABEL_TRIGGERS.includes(trigger)) {
    const parsed = LabelPayloadSchema.safeParse(payload);
    if (!parsed.success) return ignore('shape');
    event = toLabelUpdate(parsed.data);
    key = [topic, trigger, event.providerReturnId, parsed.data.label_status, parsed.data.label_updated_at];
  } else {
    return ignore('topic');
  }
  const eventId = toLoopEventId(key);
  return { ok: true, eventId, topic: trigger, webhookId: eventId, triggeredAt: event.occurredAt, event, staleOrderId: null };
}

function toLabelUpdate(payload: z.infer<typeof LabelPayloadSchema>): ParcelUpdate {
  const step = toLabelStep(payload.label_status);
  const facts = { carrier: payload.carrier, trackingNumber: payload.tracking_number, ...(payload.label_url ? { labelUrl: payload.label_url } : {}) };
  return {
    provider: 'loop',
    providerReturnId: (payload.return_id ?? payload.id)!,
    caseId: null,
    step,
    occurredAt: toDate(payload.label_updated_at),
    label: facts.carrier || facts.trackingNumber || 'labelUrl' in facts ? facts : null,
    refund: null,
  };
}
