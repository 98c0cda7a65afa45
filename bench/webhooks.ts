import { SANDBOX_CLIENT_SECRET } from '~/integrations/shopify/env.server';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { toShopifyWebhookRequest } from '../app/sandbox/shopify/webhook-signature.server';
import { formPass } from './form-pass';
import { startProcess } from './processes';
import { walkToReview } from './return-steps';

/*
 * Shopify webhooks: how many signed deliveries per second the intake takes (each a new event:
 * verified, recorded, its job queued in the same transaction), and how long an agent's decision in
 * Shopify takes to show on the case page (emulator sends → intake → worker → page), median of several.
 */
type DemoOrder = { name: string; email: string; scenario: string };

const SHOP = 'comptoir-demo.myshopify.com';
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

/** A review return (reason "Another reason") sent through the portal; the case URL and session, or null. */
async function sendReviewReturn(portal: string, order: DemoOrder): Promise<{ casePath: string; cookie: string } | null> {
  const pass = await formPass(portal);
  const lookup = await fetch(`${portal}/?index`, {
    method: 'POST', redirect: 'manual', headers: { ...pass.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ orderNumber: order.name, email: order.email, csrf: pass.token }),
  });
  const session = lookup.headers.getSetCookie().find((line) => line.includes('comptoir_session='))?.split(';')[0];
  if (!session) return null;
  const cookie = `${pass.headers.Cookie}; ${session}`;
  const flow = await walkToReview(portal, cookie, 'other');
  if (!flow) return null;
  const response = await flow.send();
  const location = response.headers.get('location');
  return response.status === 303 && location?.startsWith('/cases/') ? { casePath: location, cookie } : null;
}

async function waitForPage(portal: string, path: string, cookie: string, text: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await (await fetch(`${portal}${path}`, { headers: { Cookie: cookie } })).text()).includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

export async function measureWebhooks(options: { node: string; tsxArgs: string[]; emulatorUrl: string; port: number; seconds: number; connections: number; decisions: number }) {
  await fetch(`${options.emulatorUrl}/__sandbox/shopify/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-webhooks-'));
  const portal = await startProcess(
    options.node, options.tsxArgs,
    { NODE_ENV: 'production', PORT: String(options.port), COMPTOIR_DATA_DIR: dataDir, SANDBOX_SHOPIFY_URL: options.emulatorUrl, RATE_LIMIT_ORDER_MAX: '100000', RATE_LIMIT_CLIENT_MAX: '100000' },
    /webhooks\.subscribed/, `http://127.0.0.1:${options.port}`,
  );
  try {
    // Decisions first, on a quiet portal: each review case waits for review, then an agent approves it.
    const { orders } = (await (await fetch(`${options.emulatorUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoOrder[] };
    const delays: number[] = [];
    for (const order of orders) {
      if (delays.length >= options.decisions) break;
      const sent = await sendReviewReturn(portal.url, order);
      if (!sent || !(await waitForPage(portal.url, sent.casePath, sent.cookie, 'Being checked by our team', 20_000))) continue;
      const admin = await (await fetch(`${options.emulatorUrl}/__sandbox/shopify/admin`)).text();
      const id = admin.match(new RegExp(`${order.name}-R\\d+ <small>[\\s\\S]*?name="action" value="approve"><input type="hidden" name="id" value="([^"]+)"`))?.[1];
      if (!id) continue;
      const started = performance.now();
      await fetch(`${options.emulatorUrl}/__sandbox/shopify/admin`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ action: 'approve', id }) });
      if (await waitForPage(portal.url, sent.casePath, sent.cookie, 'Approved by the store', 30_000)) delays.push(performance.now() - started);
    }

    // Then the intake under load: one signed body, a new event id per request (the id is not signed).
    const { body, headers } = toShopifyWebhookRequest(process.env.SHOPIFY_API_SECRET ?? SANDBOX_CLIENT_SECRET, {
      topic: 'orders/updated', shopDomain: SHOP, apiVersion: '2026-10', payload: { id: 1, admin_graphql_api_id: 'gid://shopify/Order/1', name: '#1' },
    });
    let unexpected = 0;
    const result = await autocannon({
      url: `${portal.url}/webhooks/shopify`, method: 'POST', body, headers, duration: options.seconds, connections: options.connections,
      requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'X-Shopify-Event-Id': randomUUID() } }) }],
    });
    unexpected = result.non2xx + result.errors + result.timeouts;
    return {
      intake: { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, unexpected },
      decisions: { count: delays.length, median: percentile(delays, 50), max: Math.max(...delays) },
    };
  } finally {
    await portal.stopAndWait();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
