import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Case } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { parseEnv } from '~/env.server';
import { createGorgiasClient } from '~/integrations/gorgias/client.server';
import { createGorgiasHelpdesk } from '~/integrations/gorgias/helpdesk.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { GORGIAS_SYNC_CASE, toGorgiasSyncKey } from '~/jobs/job-names';
import { registerWorkers } from '~/jobs/workers.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { createServices } from '~/services.server';
import { startProcess, type Started } from './processes';
import { measureReturnSubmits } from './return-submit';

/*
 * The two Gorgias figures:
 * 1. sending a return does not wait for Gorgias: the POST that opens the case, timed with the
 *    Gorgias emulator (own process) answering at once, then slowed to 2 s;
 * 2. delivering queued events uses Gorgias's allowance (40 calls per 20 s per account) without
 *    earning 429s: cases with their events are queued, then the production workers and Gorgias
 *    client deliver them to the emulator's real bucket; every call is counted on the wire.
 */
// To shorten the run, scale the capacity (e.g. 400 per 20 s), not the window: the client's
// call-limit gate assumes Gorgias's 20 s window, so a shorter one makes it over-wait (measured:
// 40 per 2 s gives 35 % of that allowance). The real bucket takes about 2 minutes.
export const GORGIAS_CAPACITY = Number(process.env.BENCH_GORGIAS_CAPACITY ?? 40);
export const GORGIAS_WINDOW_SECONDS = Number(process.env.BENCH_GORGIAS_WINDOW_SECONDS ?? 20);

type DemoOrder = { name: string; email: string; scenario: string };

/** The Gorgias emulator in its own process, with the given bucket. */
export function startGorgiasEmulator(node: string, port: number, bucket = { capacity: GORGIAS_CAPACITY, windowSeconds: GORGIAS_WINDOW_SECONDS }): Promise<Started> {
  return startProcess(
    node,
    ['--import', 'tsx', 'app/sandbox/gorgias-standalone.ts'],
    { PORT: String(port), GORGIAS_BUCKET_CAPACITY: String(bucket.capacity), GORGIAS_BUCKET_WINDOW_SECONDS: String(bucket.windowSeconds) },
    /listening/,
    `http://127.0.0.1:${port}`,
  );
}

async function gorgiasControl(url: string, path: 'faults' | 'reset', body: unknown): Promise<void> {
  const response = await fetch(`${url}/__sandbox/gorgias/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`gorgias ${path} answered ${response.status}`);
}

/** Events a note tells: one, or those its external id lists when events that happened together share it (`<case>:events:3+4+5`). */
const eventsTold = (externalId: string | null) => /:events:([\d+]+)$/.exec(externalId ?? '')?.[1]?.split('+').length ?? 1;

type GorgiasState = { tickets: { external_id: string | null; messages: { channel: string; external_id: string | null }[] }[] };

async function gorgiasState(url: string): Promise<GorgiasState> {
  return (await (await fetch(`${url}/__sandbox/gorgias/state`, { headers: { Accept: 'application/json' } })).json()) as GorgiasState;
}

/** Figure 1: one series of return submits per Gorgias latency, each on a fresh portal. */
export async function measureSubmitsWithGorgias(options: { node: string; portalArgs: string[]; shopifyUrl: string; portalPort: number; gorgiasPort: number }) {
  const gorgias = await startGorgiasEmulator(options.node, options.gorgiasPort);
  try {
    const series = async (latencyMs: number) => {
      await gorgiasControl(gorgias.url, 'reset', {});
      await gorgiasControl(gorgias.url, 'faults', { latencyMs });
      const result = await measureReturnSubmits({
        node: options.node, tsxArgs: options.portalArgs, emulatorUrl: options.shopifyUrl, port: options.portalPort, shopifyLatencyMs: 0,
        env: { GORGIAS_BASE_URL: gorgias.url }, waitForExit: true,
        // Proof the helpdesk is in the loop: the portal's workers file a first ticket (bounded wait).
        afterSubmits: async () => {
          const deadline = performance.now() + 30_000;
          while (performance.now() < deadline && (await gorgiasState(gorgias.url)).tickets.length === 0) await new Promise((r) => setTimeout(r, 250));
        },
      });
      return { ...result, tickets: (await gorgiasState(gorgias.url)).tickets.length };
    };
    const fast = await series(0);
    const slow = await series(2000);
    return { fast, slow };
  } finally {
    await gorgias.stopAndWait();
  }
}

export type DeliveryResult = {
  cases: number;
  events: number;
  delivered: number;
  calls: number;
  tooMany: number;
  otherErrors: number;
  seconds: number;
  /** Calls Gorgias accepted per second, first call to last. */
  acceptedPerSecond: number;
  /** Accepted calls / the most the bucket admits over that time from empty (capacity + rate × T). */
  shareOfAllowance: number;
  /** (accepted − capacity) / T against the leak rate: the steady pace once the burst is spent. */
  steadyShare: number;
  timedOut: boolean;
};

/**
 * Figure 2. `cases` cases of one demo order, each with `eventsPerCase` noted events (its
 * `received` plus later ones) and its `gorgias.sync-case` job queued with it, as the portal does;
 * then the workers of the production composition (services, queue settings, handlers, the Gorgias
 * client and its call-limit gate) start and deliver everything to the emulator's real bucket. The
 * client's fetch is wrapped only to count calls and statuses.
 */
export async function measureGorgiasDelivery(options: {
  node: string; shopifyUrl: string; gorgiasPort: number; cases: number; eventsPerCase: number; timeoutSeconds: number;
}): Promise<DeliveryResult> {
  const gorgias = await startGorgiasEmulator(options.node, options.gorgiasPort);
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-gorgias-'));
  const previousLog = process.env.COMPTOIR_LOG;
  process.env.COMPTOIR_LOG = 'silent';
  const calls: { at: number; status: number }[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    try {
      const response = await fetch(input, init);
      calls.push({ at: performance.now(), status: response.status });
      return response;
    } catch (error) {
      calls.push({ at: performance.now(), status: 0 });
      throw error;
    }
  };
  const config = parseEnv({ COMPTOIR_DATA_DIR: dataDir, SANDBOX_SHOPIFY_URL: options.shopifyUrl, GORGIAS_BASE_URL: gorgias.url, COMPTOIR_WORKER_CONCURRENCY: process.env.COMPTOIR_WORKER_CONCURRENCY });
  const services = await createServices(config);
  try {
    const gorgiasConfig = config.gorgias!;
    const client = createGorgiasClient({ baseUrl: gorgiasConfig.baseUrl, email: gorgiasConfig.email, apiKey: gorgiasConfig.apiKey, fetch: countingFetch });

    const { orders } = (await (await fetch(`${options.shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoOrder[] };
    const demo = orders.find((o) => o.scenario === 'delivered-recently') ?? orders[0]!;
    const order = await services.orders.findOrderForShopper({ orderNumber: parseOrderNumber(demo.name)!, email: demo.email });
    if (!order?.email) throw new Error(`demo order ${demo.name} not found`);
    const item = order.lineItems[0]!;

    const caseIds: string[] = [];
    for (let i = 0; i < options.cases; i++) {
      const line: CaseLine = {
        fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${randomUUID()}`, lineItemId: item.id, title: item.title, quantity: 1,
        reasonId: 'size-too-small', note: null, outcome: 'refund', photoIds: [], decision: 'approved', clauseIds: [],
      };
      const opened = await services.cases.openCase({
        kind: 'return', orderId: order.id, orderName: order.name, customerEmailHash: randomUUID(), language: 'en', policyVersion: services.policy.version,
        details: { lines: [line], refundMethod: 'original_payment', totals: { itemsSubtotal: { amount: '49.00', currencyCode: 'EUR' }, fees: { amount: '0.00', currencyCode: 'EUR' }, estimatedRefund: { amount: '49.00', currencyCode: 'EUR' } } },
      }, randomUUID(), new Date(), (c: Case) => [{ name: GORGIAS_SYNC_CASE, data: { caseId: c.id }, singletonKey: toGorgiasSyncKey(c.id) }]);
      if (opened.status !== 'opened') throw new Error(`case ${i} not opened: ${opened.status}`);
      caseIds.push(opened.case.id);
      // The `received` event is one; the rest stand for what follows (store, parcel, refund…).
      for (let n = 1; n < options.eventsPerCase; n++) {
        await services.cases.appendEvent(opened.case.id, { at: new Date(), type: 'bench.progress', actor: 'system', data: { step: n } });
      }
    }
    const events = options.cases * options.eventsPerCase;
    const wanted = new Set(caseIds);

    const deliveredNotes = async () => (await gorgiasState(gorgias.url)).tickets
      .filter((t) => t.external_id !== null && wanted.has(t.external_id))
      .reduce((sum, t) => sum + t.messages.filter((m) => m.channel === 'internal-note').reduce((told, m) => told + eventsTold(m.external_id), 0), 0);

    await registerWorkers(services.queue, createJobHandlers({ ...services, helpdesk: createGorgiasHelpdesk(client) }));
    const deadline = performance.now() + options.timeoutSeconds * 1000;
    let delivered = 0;
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      delivered = await deliveredNotes();
      if (delivered >= events) break;
    }

    const first = calls[0]?.at ?? 0;
    const last = calls.at(-1)?.at ?? 0;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const tooMany = calls.filter((c) => c.status === 429).length;
    const accepted = calls.filter((c) => c.status !== 429 && c.status !== 0).length;
    const otherErrors = calls.filter((c) => c.status === 0 || (c.status >= 300 && c.status !== 429)).length;
    const rate = GORGIAS_CAPACITY / GORGIAS_WINDOW_SECONDS;
    return {
      cases: options.cases, events, delivered, calls: calls.length, tooMany, otherErrors, seconds,
      acceptedPerSecond: accepted / seconds,
      shareOfAllowance: accepted / (GORGIAS_CAPACITY + rate * seconds),
      steadyShare: (accepted - GORGIAS_CAPACITY) / seconds / rate,
      timedOut: delivered < events,
    };
  } finally {
    await services.close();
    if (previousLog === undefined) delete process.env.COMPTOIR_LOG;
    else process.env.COMPTOIR_LOG = previousLog;
    await gorgias.stopAndWait();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
