import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoopClient } from '~/integrations/loop/client.server';
import { SANDBOX_LOOP_API_KEY, SANDBOX_LOOP_WEBHOOK_SECRET } from '~/integrations/loop/env.server';
import { createLoopLabelProvider } from '~/integrations/loop/label-provider.server';
import { createLoopWebhookVerifier } from '~/integrations/loop/webhook-verifier.server';
import { mountLoopEmulator } from '~/sandbox/loop/mount.server';

/**
 * The Loop emulator as the sandbox portal mounts it: on the portal's port, its API under a
 * prefix (HAL links must keep it), the demo store's orders, webhooks to the portal's
 * `/webhooks/loop`, and a page a person drives with plain forms.
 */
let server: Server;
let origin: string;
const webhooks: Array<{ body: string; signature: string }> = [];

beforeAll(async () => {
  const app = express();
  app.post('/webhooks/loop', express.text({ type: '*/*' }), (req, res) => {
    webhooks.push({ body: req.body as string, signature: String(req.headers['x-loop-signature']) });
    res.json({ status: 'queued' });
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mountLoopEmulator(app, { apiKey: SANDBOX_LOOP_API_KEY, webhookSecret: SANDBOX_LOOP_WEBHOOK_SECRET, ownOrigin: origin });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('the mounted Loop sandbox', () => {
  it('issues a label for a demo order and lets a person move it along from the page', async () => {
    const provider = createLoopLabelProvider(createLoopClient({ baseUrl: `${origin}/__sandbox/loop-api`, apiKey: SANDBOX_LOOP_API_KEY }));
    const result = await provider.requestLabel({
      caseId: 'case_demo_1', orderId: 'gid://shopify/Order/6410001000', orderName: '#1001', customerEmail: 'camille.martin@example.com', shippingZip: '75009',
      shipFrom: null, refundMethod: 'original_payment', language: 'fr',
      lines: [{ lineItemId: 'gid://shopify/LineItem/15870001000', title: 'Marinière Saint-Malo', sku: 'MAR-NAV-M', quantity: 1, reasonId: 'too_small', reasonText: 'Trop petit', note: null }],
    });
    expect(result).toMatchObject({ status: 'issued', label: { carrier: 'Colissimo' } });
    if (result.status !== 'issued') return;
    expect(result.label.labelUrl).toBe(`${origin}/__sandbox/loop/labels/${result.label.labelUrl!.split('/').at(-1)}`);
    expect((await fetch(result.label.labelUrl!)).headers.get('content-type')).toBe('application/pdf');

    const page = await (await fetch(`${origin}/__sandbox/loop`)).text();
    expect(page).toContain('#1001');
    expect(page).not.toMatch(/<script|style=/);
    const step = `/__sandbox/loop/returns/${result.label.providerReturnId}/in-transit`;
    expect(page).toContain(`action="${step}"`);
    const clicked = await fetch(`${origin}${step}`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin } });
    expect(clicked.status).toBe(303);
    expect(await provider.getStatus(result.label.providerReturnId)).toMatchObject({ step: 'in_transit' });

    await until(() => webhooks.length >= 3);
    const verifier = createLoopWebhookVerifier({ webhookSecret: SANDBOX_LOOP_WEBHOOK_SECRET });
    for (const { body, signature } of webhooks) {
      const verified = await verifier.verify(new Request(`${origin}/webhooks/loop`, { method: 'POST', headers: { 'X-Loop-Signature': signature }, body }), body);
      expect(verified.ok).toBe(true);
    }
  });

  it('a form posted from another site does not act', async () => {
    const response = await fetch(`${origin}/__sandbox/loop/reset`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
  });
});
