import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseLine } from '~/cases/return/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type CreateDatabaseOptions } from '~/db/client.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { LABELS_REQUEST_LABEL } from '~/jobs/job-names';
import { listParked } from '~/jobs/parking.server';
import { createQueue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import { SANDBOX_ACCOUNT, startGorgiasEmulator } from '~/sandbox/gorgias/emulator-harness.test-helpers';
import { SANDBOX_LOOP, startLoopEmulator, type RunningLoopEmulator } from '~/sandbox/loop/emulator-harness.test-helpers';
import { toLoopOrders } from '~/sandbox/loop/seed-orders.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { applyShopifyEvent } from '~/webhooks/apply-event.server';
import { createPostgresDatabase } from './support/postgres';
import { KILL_QUEUES, startWorker, until } from './support/worker-kill';

/*
 * The label fault matrix's last row: the worker process killed (SIGKILL) while it asks Loop for
 * labels, twice, then a last one finishes. Cases are approved in a database the way Shopify's
 * `returns/approve` webhook approves them (which queues each label request); worker processes
 * (support/worker-child.ts, the production handlers) then talk to a Loop emulator in this process
 * whose every answer takes 300 ms, so the kills land mid-request. What counts is Loop's state
 * afterwards: exactly one return per case, the one the case points at, its label logged once.
 */

const SHOP = 'labels-kill.myshopify.com';
const TOKEN = 'shpat_labelskill';
const CASES = 6;

let shopify: Server;
let shopifyUrl: string;
let orders: Order[];

beforeAll(async () => {
  shopify = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => shopify.listen(0, '127.0.0.1', resolve));
  shopifyUrl = `http://127.0.0.1:${(shopify.address() as AddressInfo).port}`;
  const source = createShopifyOrderSource({ client: createShopifyGraphqlClient({ shopDomain: SHOP, auth: { kind: 'admin-token', adminToken: TOKEN }, apiSecret: 'x'.repeat(32), sandboxUrl: shopifyUrl }) });
  const demo = ((await (await fetch(`${shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: { name: string; email: string; scenario: string }[] }).orders;
  const delivered = demo.filter((entry) => entry.scenario === 'delivered-recently').slice(0, CASES);
  orders = await Promise.all(delivered.map(async (entry) => (await source.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!));
});

afterAll(async () => {
  await new Promise<void>((resolve) => (shopify ? shopify.close(() => resolve()) : resolve()));
});

type LoopReturn = { id: number | string; order_name: string };

async function runLabelKillScenario(database: CreateDatabaseOptions) {
  const loop: RunningLoopEmulator = await startLoopEmulator({ seed: { orders: toLoopOrders(new Date()) }, perMinute: 100_000 });
  const gorgias = await startGorgiasEmulator({ bucket: { capacity: 10_000, windowSeconds: 1 } });
  try {
    // 1. Each case approved by Shopify's webhook, which queues its label request, as in the portal.
    const policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
    let handle = await createDatabase(database);
    let queue = await createQueue(handle, { queues: KILL_QUEUES });
    const cases = createDbCaseStore(handle.db, queue);
    const caseIds: string[] = [];
    for (const order of orders) {
      const item = order.lineItems[0]!;
      const money = { amount: item.unitPrice.amount, currencyCode: item.unitPrice.currencyCode };
      const line: CaseLine = {
        fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${randomUUID()}`, lineItemId: item.id, title: item.title, quantity: 1,
        reasonId: 'defective', note: null, outcome: 'refund', photoIds: [], decision: 'approved', clauseIds: ['5.1'],
      };
      const shopifyReturnId = `gid://shopify/Return/${randomUUID()}`;
      const opened = await cases.openCase({
        kind: 'return', orderId: order.id, orderName: order.name, customerEmailHash: randomUUID(), language: 'fr', policyVersion: policy.version,
        details: { lines: [line], refundMethod: 'original_payment', totals: { itemsSubtotal: money, fees: { amount: '0.00', currencyCode: money.currencyCode }, estimatedRefund: money }, keepItems: false },
        providerRefs: { shopifyReturnId },
      }, randomUUID(), new Date());
      if (opened.status !== 'opened') throw new Error('case not opened');
      const moved = await cases.transition(opened.case.id, 'received', 'submitted_to_store', { at: new Date(), type: 'submitted_to_store', actor: 'system', data: {} });
      if (!moved.ok) throw new Error('case not submitted');
      await applyShopifyEvent({ cases, invalidateOrder: () => {}, clock: () => new Date() }, { kind: 'return_changed', returnId: shopifyReturnId, orderId: order.id, status: 'approved', decline: null }, { topic: 'returns/approve' });
      caseIds.push(opened.case.id);
    }
    await queue.stop();
    await handle.close();

    // 2. Workers, killed while a Loop call is in flight (every call takes 300 ms).
    await loop.control('faults', { latencyMs: 300 });
    const env = {
      TEST_WORKER_SHOPIFY_URL: shopifyUrl, TEST_WORKER_SHOP: SHOP, TEST_WORKER_TOKEN: TOKEN,
      TEST_WORKER_GORGIAS_URL: gorgias.url, TEST_WORKER_GORGIAS_EMAIL: SANDBOX_ACCOUNT.email, TEST_WORKER_GORGIAS_KEY: SANDBOX_ACCOUNT.apiKey,
      TEST_WORKER_LOOP_URL: loop.url, TEST_WORKER_LOOP_KEY: SANDBOX_LOOP.apiKey,
      ...(database.url ? { TEST_WORKER_DATABASE_URL: database.url } : { TEST_WORKER_DATA_DIR: database.dataDir! }),
    };
    const names = new Set(orders.map((order) => order.name));
    const returns = async () => ((await loop.control('state')).body.returns as LoopReturn[]).filter((r) => names.has(r.order_name));

    const first = startWorker(env);
    await until('the first return at Loop', async () => (await returns()).length > 0);
    await first.kill();
    const before = (await returns()).length;
    const second = startWorker(env);
    await until('one more return at Loop', async () => (await returns()).length > before);
    await second.kill();
    const last = startWorker(env);
    await until('every job done', async () => last.isIdle(), 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${last.stderr()}`);
    });
    await last.stop();
    await loop.control('faults', {});

    // 3. What Loop holds, against what the database says happened.
    handle = await createDatabase(database);
    queue = await createQueue(handle, { queues: KILL_QUEUES });
    try {
      const store = createDbCaseStore(handle.db, queue);
      const held = await returns();
      const jobs = await queue.boss.findJobs(LABELS_REQUEST_LABEL);
      return {
        cases: await Promise.all(caseIds.map(async (caseId) => {
          const found = (await store.getCase(caseId))!;
          return {
            caseId,
            state: found.state,
            loopReturnId: found.providerRefs.loopReturnId ?? null,
            returns: held.filter((r) => r.order_name === found.orderName).map((r) => String(r.id)),
            labelsIssued: (await store.listEvents(caseId)).filter((event) => event.type === 'label_issued').length,
          };
        })),
        requests: jobs.reduce((sum, job) => sum + job.retryCount + 1, 0),
        interrupted: jobs.filter((job) => job.retryCount > 0).length,
        parked: (await listParked(queue)).length,
      };
    } finally {
      await queue.stop();
      await handle.close();
    }
  } finally {
    await loop.close();
    await gorgias.close();
  }
}

describe('label fault matrix: worker killed', () => {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  const killedWorker = (postgres: boolean) => async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-label-kill-'));
    const pgDatabase = postgres ? await createPostgresDatabase(postgresUrl!, 'comptoir_label_kill') : null;
    try {
      const report = await runLabelKillScenario(pgDatabase ? { url: pgDatabase.url } : { dataDir });
      for (const one of report.cases) {
        expect(one.returns, one.caseId).toHaveLength(1);
        expect(one.loopReturnId, one.caseId).toBe(one.returns[0]);
        expect(one.labelsIssued, one.caseId).toBe(1);
        expect(one.state, one.caseId).toBe('label_issued');
      }
      expect(report.parked).toBe(0);
      // The first kill comes as the first return appears at Loop, with its label still to record.
      expect(report.interrupted).toBeGreaterThanOrEqual(1);
      console.info(`loop label fault matrix [SIGKILL ×2, ${postgres ? 'PostgreSQL' : 'PGlite'}]: ${report.cases.length} cases, `
        + `${report.cases.reduce((sum, c) => sum + c.returns.length, 0)} returns at Loop, ${report.requests} label job attempts, `
        + `${report.interrupted} jobs cut off by a kill and run again`);
    } finally {
      await pgDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  it('worker process killed (SIGKILL) mid-request, twice, then recovered (PGlite data folder)', killedWorker(false), 240_000);
  it.skipIf(!postgresUrl)(`worker process killed (SIGKILL) mid-request, twice, then recovered (PostgreSQL${postgresUrl ? '' : ', skipped: TEST_DATABASE_URL not set'})`,
    killedWorker(true), 240_000);
});
