import { createHmac } from 'node:crypto';
import type { AppLoadContext } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { LABELS_APPLY_WEBHOOK } from '~/jobs/job-names';
import type { ParcelUpdate } from '~/labels/ports';
import type { Services } from '~/services.server';
import { MAX_WEBHOOK_BYTES, toWebhookSource, type WebhookSources } from '~/webhooks/intake.server';
import type { WebhookDelivery } from '~/webhooks/ports';
import { action as aftershipAction } from './webhooks.aftership';
import { action as loopAction, loader as loopLoader } from './webhooks.loop';

/*
 * POST /webhooks/loop and /webhooks/aftership, through the routes themselves, with a source of the
 * test's own (an HMAC header over the raw body, a JSON ParcelUpdate inside): the vendors' real
 * verifiers and parsers are tested beside them; what is checked here is what the routes answer.
 */
const SECRET = 'route-test-secret';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

function harness(vendors: ('loop' | 'aftership')[]) {
  const recorded = new Map<string, WebhookDelivery>();
  const jobs: { name: string; data: unknown }[] = [];
  const sources: WebhookSources = { shopify: null as never };
  for (const vendor of vendors) {
    sources[vendor] = toWebhookSource(vendor, LABELS_APPLY_WEBHOOK, {
      async verify(request, rawBody) {
        return request.headers.get('x-signature') === sign(rawBody) ? { ok: true, delivery: null } : { ok: false, reason: 'bad_signature' };
      },
    }, (_, rawBody) => {
      let body: { id?: string; update?: ParcelUpdate };
      try { body = JSON.parse(rawBody); } catch { return { ok: false, topic: 'unknown', why: 'not_json' }; }
      if (!body.id || !body.update) return { ok: false, topic: 'unknown', why: 'shape' };
      return { ok: true, eventId: body.id, topic: 'return.updated', webhookId: 'w-1', triggeredAt: null, event: body.update, staleOrderId: null };
    });
  }
  const services = {
    webhooks: {
      sources,
      deliveries: {
        async record(delivery: WebhookDelivery, _at: Date, queueJob: (id: string, tx: unknown) => Promise<void>) {
          if (recorded.has(delivery.id)) return 'duplicate' as const;
          recorded.set(delivery.id, delivery);
          await queueJob(delivery.id, null);
          return 'recorded' as const;
        },
      },
      invalidateOrder: () => {},
    },
    queue: { async send(name: string, data: unknown) { jobs.push({ name, data }); return `job-${jobs.length}`; } },
    clock: () => new Date('2026-12-02T10:00:00Z'),
  } as unknown as Services;
  const context = { services } as AppLoadContext;
  return { recorded, jobs, context };
}

const update: ParcelUpdate = { provider: 'loop', providerReturnId: 'lr_1', caseId: null, step: 'in_transit', occurredAt: null, label: null, refund: null };
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('https://portal.example/webhooks/loop', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
const signed = (body: string, headers: Record<string, string> = {}) => post(body, { 'x-signature': sign(body), ...headers });
const call = (run: typeof loopAction, request: Request, context: AppLoadContext) => run({ request, context, params: {} });

describe('POST /webhooks/loop and /webhooks/aftership', () => {
  it('records a signed delivery and queues its job, then answers 200 to the same event again without a second job', async () => {
    const h = harness(['loop']);
    const body = JSON.stringify({ id: 'evt-1', update });
    const first = await call(loopAction, signed(body), h.context);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'queued' });
    const again = await call(loopAction, signed(body), h.context);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(h.jobs).toEqual([{ name: LABELS_APPLY_WEBHOOK, data: { deliveryId: 'loop:evt-1' } }]);
  });

  it('answers 401 to a missing or wrong signature, in the sender’s language, and records nothing', async () => {
    const h = harness(['loop']);
    const body = JSON.stringify({ id: 'evt-2', update });
    const unsigned = await call(loopAction, post(body), h.context);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: 'unsigned', message: expect.stringMatching(/signature/) });
    const wrong = await call(loopAction, post(body, { 'x-signature': sign(`${body} `), 'accept-language': 'fr' }), h.context);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toMatch(/signature de ce webhook/);
    expect(h.recorded.size).toBe(0);
    expect(h.jobs).toEqual([]);
  });

  it('answers 413 to a body over the limit and records nothing', async () => {
    const h = harness(['loop']);
    const body = JSON.stringify({ id: 'evt-3', update, padding: 'x'.repeat(MAX_WEBHOOK_BYTES) });
    const response = await call(loopAction, signed(body), h.context);
    expect(response.status).toBe(413);
    expect(h.recorded.size).toBe(0);
  });

  it('answers 200 to a signed payload it cannot read (a retry would not do better), and records nothing', async () => {
    const h = harness(['loop']);
    const response = await call(loopAction, signed('not json'), h.context);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ignored' });
    expect(h.recorded.size).toBe(0);
  });

  it('answers a translated 404 for a provider this portal is not configured for', async () => {
    const h = harness(['loop']);
    const response = await call(aftershipAction, signed(JSON.stringify({ id: 'evt-4', update })), h.context);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_configured', message: expect.stringContaining('AfterShip Returns') });
    const fr = await call(aftershipAction, signed('{}', { 'accept-language': 'fr-FR' }), h.context);
    expect((await fr.json()).message).toMatch(/n’est pas configuré/);
    expect(h.jobs).toEqual([]);
  });

  it('answers 405 to anything but a POST', async () => {
    const response = await loopLoader({ request: new Request('https://portal.example/webhooks/loop'), context: harness([]).context, params: {} });
    expect(response.status).toBe(405);
  });
});
