import type { Database } from '~/db/client.server';
import { WEBHOOK_BODY_LIMIT } from '~/http/body-limit.server';
import { getTranslator } from '~/i18n.server';
import type { Queue } from '~/jobs/queue.server';
import { log } from '~/utils/log.server';
import type { WebhookDelivery, WebhookDeliveryStore } from './ports';

/** Vendors' payloads are a few kilobytes; an order with hundreds of lines stays far below this. */
export const MAX_WEBHOOK_BYTES = WEBHOOK_BODY_LIMIT;

export type WebhookVendor = WebhookDelivery['vendor'];

/** A vendor's signature check over the exact bytes received; `delivery` is what its headers say. */
export type WebhookVerifier<Delivery> = {
  verify(request: Request, rawBody: string): Promise<{ ok: true; delivery: Delivery } | { ok: false; reason: string }>;
};

/** What a signed delivery means: the event to record (once per `eventId`), or why it is dropped. */
export type ParsedWebhook =
  | {
      ok: true;
      /** The vendor's id of the event, the same on every retry: the dedupe key. */
      eventId: string;
      topic: string;
      webhookId: string;
      triggeredAt: Date | null;
      event: WebhookDelivery['event'];
      /** An order whose cached copy the event makes stale, dropped at once. */
      staleOrderId: string | null;
    }
  | { ok: false; topic: string; why: string };

/** Reads a verified delivery; pure, and never throws on a payload it does not know. */
export type WebhookParser<Delivery> = (delivery: Delivery, rawBody: string) => ParsedWebhook;

/** One registry entry: how a vendor's deliveries are checked and read, and the job that applies them. */
export type WebhookSource = {
  vendor: WebhookVendor;
  job: string;
  read(request: Request, rawBody: string): Promise<ParsedWebhook | { ok: false; unsigned: string }>;
};

/** Registers a vendor: its verifier and its parser, typed together, behind one shape. */
export function toWebhookSource<Delivery>(vendor: WebhookVendor, job: string, verifier: WebhookVerifier<Delivery>, parse: WebhookParser<Delivery>): WebhookSource {
  return {
    vendor,
    job,
    async read(request, rawBody) {
      const verified = await verifier.verify(request, rawBody);
      return verified.ok ? parse(verified.delivery, rawBody) : { ok: false, unsigned: verified.reason };
    },
  };
}

/**
 * The vendors this portal takes webhooks from, by name (built in services.server.ts): Shopify
 * always, a label provider when the store uses it.
 */
export type WebhookSources = { shopify: WebhookSource } & Partial<Record<Exclude<WebhookVendor, 'shopify'>, WebhookSource>>;

export type IntakeDeps = {
  deliveries: Pick<WebhookDeliveryStore, 'record'>;
  queue: Pick<Queue, 'send'>;
  invalidateOrder(orderId: string): void;
  clock: () => Date;
};

/**
 * How a delivery ended. Only `unsigned` and `too_large` are refused: anything the vendor signed
 * is acknowledged (200), since a retry of the same bytes could never do better.
 */
export type IntakeOutcome = 'queued' | 'duplicate' | 'ignored' | 'unsigned' | 'too_large';

/**
 * The one path of every vendor's delivery: the raw body, bounded in bytes → the vendor's signature
 * check, before anything is parsed → its parser → recorded once per event id, with its job, in one
 * transaction → answered. The work itself happens in the job, so the vendor gets its answer in
 * milliseconds, well inside its timeout (5 s for Shopify).
 */
export async function receiveWebhook(deps: IntakeDeps, source: WebhookSource, request: Request): Promise<IntakeOutcome> {
  const rawBody = await readBoundedText(request, MAX_WEBHOOK_BYTES);
  if (rawBody === null) return 'too_large';
  const read = await source.read(request, rawBody);
  if ('unsigned' in read) {
    log.warn('webhooks.refused', { vendor: source.vendor, reason: read.unsigned });
    return 'unsigned';
  }
  if (!read.ok) {
    log.info('webhooks.ignored', { vendor: source.vendor, topic: read.topic, why: read.why });
    return 'ignored';
  }
  if (read.staleOrderId) deps.invalidateOrder(read.staleOrderId);
  const delivery = {
    id: `${source.vendor}:${read.eventId}`, vendor: source.vendor, topic: read.topic, webhookId: read.webhookId, triggeredAt: read.triggeredAt, event: read.event,
  } as WebhookDelivery;
  const outcome = await deps.deliveries.record(delivery, deps.clock(), async (deliveryId, transaction) => {
    await deps.queue.send(source.job, { deliveryId }, { transaction: transaction as Database });
  });
  return outcome === 'recorded' ? 'queued' : 'duplicate';
}

/** The answer a vendor gets: JSON, 401 unsigned, 413 too large, 200 for everything it signed. */
export async function toWebhookResponse(request: Request, outcome: IntakeOutcome): Promise<Response> {
  if (outcome !== 'unsigned' && outcome !== 'too_large') return Response.json({ status: outcome });
  const t = await getTranslator(request, 'common');
  const message = t(outcome === 'unsigned' ? 'errors.webhookUnsigned' : 'errors.webhookTooLarge');
  return Response.json({ error: outcome, message }, { status: outcome === 'unsigned' ? 401 : 413 });
}

/**
 * The body as text, or null past `limit` bytes: by the declared length, by counting what arrives
 * (a chunked body declares none), or when the server's own byte counter stopped the stream.
 */
async function readBoundedText(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'BodyTooLargeError') return null;
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
