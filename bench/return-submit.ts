import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formPass } from './form-pass';
import { startProcess } from './processes';
import { walkToReview } from './return-steps';

/*
 * Latency of sending a return (the POST that opens the case), once with the Shopify emulator
 * answering at once and once slowed to 500 ms. The shopper's answer must not wait for Shopify:
 * the case and its job are saved, and the worker talks to Shopify afterwards.
 */
type DemoOrder = { name: string; email: string; scenario: string };

async function submitOnce(portal: string, order: DemoOrder): Promise<number | null> {
  const pass = await formPass(portal);
  const lookup = await fetch(`${portal}/?index`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...pass.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ orderNumber: order.name, email: order.email, csrf: pass.token }),
  });
  const session = lookup.headers.getSetCookie().find((line) => line.includes('comptoir_session='))?.split(';')[0];
  if (!session) return null;
  const cookie = `${pass.headers.Cookie}; ${session}`;
  // The steps read Shopify (not timed); sending the review must not.
  const flow = await walkToReview(portal, cookie, 'size-too-small');
  if (!flow) return null;
  const started = performance.now();
  const response = await flow.send();
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  return response.status === 303 && response.headers.get('location')?.startsWith('/cases/') ? elapsed : null;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

/** Runs one series on a fresh portal and a reset emulator; returns the send latencies in ms. */
export async function measureReturnSubmits(options: {
  node: string; tsxArgs: string[]; emulatorUrl: string; port: number; shopifyLatencyMs: number;
  /** More environment for the portal (e.g. GORGIAS_BASE_URL). */
  env?: Record<string, string>;
  /** Wait for the portal process to exit before returning (its workers may still be talking). */
  waitForExit?: boolean;
  /** Runs after the timed submits, before the portal stops (e.g. to see its workers' effect). */
  afterSubmits?: () => Promise<void>;
}) {
  const control = (path: string, body: unknown) => fetch(`${options.emulatorUrl}/__sandbox/shopify/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await control('reset', {});
  await control('faults', { mode: 'none', latencyMs: options.shopifyLatencyMs });
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-returns-'));
  const portal = await startProcess(
    options.node,
    options.tsxArgs,
    { NODE_ENV: 'production', PORT: String(options.port), COMPTOIR_DATA_DIR: dataDir, SANDBOX_SHOPIFY_URL: options.emulatorUrl, RATE_LIMIT_ORDER_MAX: '100000', RATE_LIMIT_CLIENT_MAX: '100000', ...options.env },
    /server\.started/,
    `http://127.0.0.1:${options.port}`,
  );
  try {
    const { orders } = (await (await fetch(`${options.emulatorUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoOrder[] };
    const latencies: number[] = [];
    for (const order of orders) {
      const ms = await submitOnce(portal.url, order);
      if (ms !== null) latencies.push(ms);
    }
    await options.afterSubmits?.();
    return { count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    if (options.waitForExit) await portal.stopAndWait();
    else portal.stop();
    await control('faults', { mode: 'none', latencyMs: 0 });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
