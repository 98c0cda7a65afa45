import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createLoopEmulator, type LoopEmulatorOptions } from './emulator.server';
import type { LoopOrder } from './store.server';

export const SANDBOX_LOOP = { apiKey: 'sandbox-loop-key', webhookSecret: 'sandbox-loop-webhook-secret' };

/** One order as Loop synced it: two lines (Shopify line ids 15870001001 and 15870001002). */
export function testOrder(over: Partial<LoopOrder> = {}): LoopOrder {
  return {
    name: '#1001', providerOrderId: '6410001001', email: 'ann@example.com', zip: '75011', currency: 'EUR',
    customer: { firstName: 'Ann', lastName: 'Lee' },
    address: { name: 'Ann Lee', address1: '3 rue Oberkampf', address2: null, city: 'Paris', zip: '75011', countryCode: 'FR', phone: null },
    lines: [
      { loopLineItemId: '7001', providerLineItemId: '15870001001', title: 'Linen shirt', sku: 'LIN-S-M', quantity: 2, price: '49.00' },
      { loopLineItemId: '7002', providerLineItemId: '15870001002', title: 'Wool scarf', sku: 'WOOL-SC', quantity: 1, price: '35.50' },
    ],
    ...over,
  };
}

export type CapturedWebhook = { body: string; headers: Record<string, string> };

/** A loopback receiver standing in for the portal's `/webhooks/loop`; answers `status()` (200 by default). */
export async function startWebhookSink() {
  const received: CapturedWebhook[] = [];
  let status = 200;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/loop`,
    received,
    answerWith: (next: number) => void (status = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Starts a Loop emulator on an ephemeral loopback port, reached over real HTTP. */
export async function startLoopEmulator(options: LoopEmulatorOptions = {}) {
  const emulator = createLoopEmulator({ seed: { orders: [testOrder()] }, ...options });
  const server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    emulator,
    /** A raw API call, as a vendor's docs would show it. */
    async api(method: string, path: string, body?: unknown, key: string | null = options.apiKey ?? SANDBOX_LOOP.apiKey) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (key !== null) headers['X-Authorization'] = key;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    },
    async control(path: string, body?: unknown) {
      const response = await fetch(`${url}/__sandbox/loop/${path}`, body === undefined ? {} : {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() as any };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RunningLoopEmulator = Awaited<ReturnType<typeof startLoopEmulator>>;
