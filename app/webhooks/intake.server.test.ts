import { describe, expect, it } from 'vitest';
import { BodyTooLargeError } from '~/http/body-limit.server';
import { MAX_WEBHOOK_BYTES, receiveWebhook, toWebhookResponse, toWebhookSource, type IntakeDeps, type WebhookParser, type WebhookVerifier } from './intake.server';
import type { WebhookDelivery } from './ports';

/*
 * The intake with a vendor of the test's own: a signature that is a header saying "good", and a
 * parser that reads `{ id, orderId }`. What is checked is the path every vendor shares — bound,
 * verify, parse, record once, queue — not any vendor's wire format (see shopify-webhooks.test.ts).
 */
type TestHeaders = { topic: string; webhookId: string };

function harness() {
  const recorded = new Map<string, WebhookDelivery>();
  const jobs: { name: string; data: unknown }[] = [];
  const dropped: string[] = [];
  let verified = 0;
  const deps: IntakeDeps = {
    deliveries: {
      async record(delivery, _at, queueJob) {
        if (recorded.has(delivery.id)) return 'duplicate';
        recorded.set(delivery.id, delivery);
        await queueJob(delivery.id, null);
        return 'recorded';
      },
    },
    queue: {
      async send(name, data) {
        jobs.push({ name, data });
        return `job-${jobs.length}`;
      },
    },
    invalidateOrder: (orderId) => void dropped.push(orderId),
    clock: () => new Date('2026-03-01T10:00:00Z'),
  };
  const verifier: WebhookVerifier<TestHeaders> = {
    async verify(request) {
      verified += 1;
      if (request.headers.get('x-test-signature') !== 'good') return { ok: false, reason: 'invalid_hmac' };
      return { ok: true, delivery: { topic: request.headers.get('x-test-topic') ?? '', webhookId: 'w-1' } };
    },
  };
  const parse: WebhookParser<TestHeaders> = (headers, rawBody) => {
    const body = JSON.parse(rawBody) as { id?: string; orderId?: string };
    if (!body.id || !body.orderId) return { ok: false, topic: headers.topic, why: 'shape' };
    return {
      ok: true, eventId: body.id, topic: headers.topic, webhookId: headers.webhookId, triggeredAt: null,
      event: { kind: 'order_changed', orderId: body.orderId }, staleOrderId: body.orderId,
    };
  };
  const source = toWebhookSource('shopify', 'test.apply', verifier, parse);
  return { deps, source, recorded, jobs, dropped, verifiedCalls: () => verified };
}

const signed = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/webhooks/test', { method: 'POST', body, headers: { 'x-test-signature': 'good', 'x-test-topic': 'orders/updated', ...headers }, duplex: 'half' } as RequestInit);

/** A body sent in chunks with no Content-Length, as `Transfer-Encoding: chunked` arrives. */
function chunked(chunks: number, size: number, failWith?: Error): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (failWith && sent === 1) return controller.error(failWith);
      if (sent++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

describe('the webhook intake', () => {
  it('records an event once, queues its job once, and drops the stale order at once', async () => {
    const h = harness();
    const body = JSON.stringify({ id: 'evt-1', orderId: 'gid://shopify/Order/7' });
    expect(await receiveWebhook(h.deps, h.source, signed(body))).toBe('queued');
    expect(await receiveWebhook(h.deps, h.source, signed(body))).toBe('duplicate');
    expect([...h.recorded.keys()]).toEqual(['shopify:evt-1']);
    expect(h.jobs).toEqual([{ name: 'test.apply', data: { deliveryId: 'shopify:evt-1' } }]);
    expect(h.dropped).toEqual(['gid://shopify/Order/7', 'gid://shopify/Order/7']);
  });

  it('refuses a bad signature and records nothing', async () => {
    const h = harness();
    const request = signed(JSON.stringify({ id: 'evt-2', orderId: 'o' }), { 'x-test-signature': 'forged' });
    expect(await receiveWebhook(h.deps, h.source, request)).toBe('unsigned');
    expect(h.recorded.size + h.jobs.length + h.dropped.length).toBe(0);
  });

  it('acknowledges a signed payload it cannot use, and records nothing', async () => {
    const h = harness();
    expect(await receiveWebhook(h.deps, h.source, signed(JSON.stringify({ id: 'evt-3' })))).toBe('ignored');
    expect(h.recorded.size + h.jobs.length).toBe(0);
  });

  it('refuses a chunked body past the limit before its signature is checked', async () => {
    const h = harness();
    const request = signed(chunked(20, 64 * 1024));
    expect(request.headers.get('content-length')).toBeNull();
    expect(20 * 64 * 1024).toBeGreaterThan(MAX_WEBHOOK_BYTES);
    expect(await receiveWebhook(h.deps, h.source, request)).toBe('too_large');
    expect(h.verifiedCalls()).toBe(0);
  });

  it('refuses by the declared length without reading, and when the server stopped the stream itself', async () => {
    const h = harness();
    expect(await receiveWebhook(h.deps, h.source, signed('{}', { 'content-length': String(MAX_WEBHOOK_BYTES + 1) }))).toBe('too_large');
    expect(await receiveWebhook(h.deps, h.source, signed(chunked(3, 1024, new BodyTooLargeError(MAX_WEBHOOK_BYTES))))).toBe('too_large');
    expect(h.verifiedCalls()).toBe(0);
  });

  it('answers 200 to what the vendor signed, and 401/413 with a translated message', async () => {
    expect((await toWebhookResponse(signed('{}'), 'duplicate')).status).toBe(200);
    const fr = new Request('http://127.0.0.1/webhooks/test', { method: 'POST', headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    const refused = await toWebhookResponse(fr, 'too_large');
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: 'too_large', message: 'Ce webhook dépasse 1 Mio : rien n’a été enregistré.' });
    const unsigned = await toWebhookResponse(new Request('http://127.0.0.1/'), 'unsigned');
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).message).toContain('signature');
  });
});
