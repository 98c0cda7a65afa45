import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbBudgetLedger } from '~/db/budget-ledger.server';
import type { DatabaseHandle } from '~/db/client.server';
import { parseEnv } from '~/env.server';
import { createGorgiasClient } from '~/integrations/gorgias/client.server';
import { SANDBOX_SHOP_DOMAIN } from '~/integrations/shopify/env.server';
import { createGorgiasEmulator } from '~/sandbox/gorgias/emulator.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createServices, type Services } from '~/services.server';
import { DATABASE_BACKENDS, postgresUrl } from './support/postgres';
import { openSharedDatabase } from './support/shared-database';
import { startTestShopify, type TestShopify } from './support/test-shopify';

/**
 * Two portals (or workers) on one PostgreSQL, each with its own pool like two processes, draw on
 * one Shopify bucket and one Gorgias allowance: together they never ask more than the store is
 * allowed, where each keeping its own count asked up to twice as much and was refused. (The
 * embedded database serves one process, which keeps its buckets in memory; the ledger's SQL is
 * held to the same contract on both databases in db.test.ts.)
 */
const backends = DATABASE_BACKENDS.filter((backend) => backend.postgres);

// Gorgias' bucket, scaled down: 4 calls per 2 s.
const GORGIAS_BUCKET = { capacity: 4, windowSeconds: 2 };
const ACCOUNT = { email: 'bot@budgets-store.example', apiKey: 'budgets-key' };

for (const backend of backends) {
  describe.skipIf(backend.skip)(`upstream budgets shared by two processes on ${backend.name}`, () => {
    const dataDirs = [mkdtempSync(join(tmpdir(), 'comptoir-budgets-a-')), mkdtempSync(join(tmpdir(), 'comptoir-budgets-b-'))];
    let shopify: TestShopify;
    let handles: [DatabaseHandle, DatabaseHandle];
    let portals: Services[] = [];
    let drop = async () => {};

    beforeAll(async () => {
      // A small bucket: an order read asks for 330 points, and Shopify keeps much less.
      shopify = await startTestShopify({ shop: SANDBOX_SHOP_DOMAIN, accessToken: 'shpat_budgets', bucket: { maximumAvailable: 700, restoreRate: 400 } });
      const shared = await openSharedDatabase(backend.postgres ? postgresUrl! : null, 'comptoir_shared_budgets');
      ({ handles, drop } = shared);
      portals = await Promise.all(([0, 1] as const).map((index) => createServices(parseEnv({
        COMPTOIR_DATA_DIR: dataDirs[index], SANDBOX_SHOPIFY_URL: shopify.baseUrl, ...(shared.url ? { DATABASE_URL: shared.url } : {}),
      }), { database: handles[index] })));
    });

    afterAll(async () => {
      for (const portal of portals.reverse()) await portal.close();
      await drop();
      await shopify?.close();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    });

    it('reads sent at once through both portals queue for one Shopify bucket: none refused by Shopify, none failed', async () => {
      const order = await shopify.orderOf('delivered-recently');
      await shopify.control('reset');
      // Shopify has described its bucket, and what this read costs, to each portal once.
      for (const portal of portals) await portal.orders.getOrder(order.id);
      // Ten reads through each portal at once, each holding 34 points once sent. A portal counting
      // only its own ten would send nearly all at once (10 × 34, plus the next one's 330 requested,
      // is about 700 points): Shopify would refuse most of the last ten of the twenty. Counted
      // together, the last ten wait their turn, under a second.
      const reads = await Promise.allSettled(portals.flatMap((portal) => Array.from({ length: 10 }, () => {
        portal.orders.invalidate(order.id);
        return portal.orders.getOrder(order.id);
      })));
      const stats = await shopify.control('stats');
      expect(reads.flatMap((read) => (read.status === 'rejected' ? [String(read.reason)] : []))).toEqual([]);
      expect(stats.throttled).toBe(0);
      // Each read really reached Shopify: the bucket was the limit, not the caches.
      expect(stats.operations.ComptoirOrderById).toBe(22);
    });

    it('calls from two workers queue for one Gorgias allowance: no 429', async () => {
      const emulator = createGorgiasEmulator({ accounts: [ACCOUNT], bucket: GORGIAS_BUCKET });
      const statuses: number[] = [];
      const server: Server = createServer(toNodeHandler(async (request) => {
        const response = await emulator.handle(request);
        statuses.push(response.status);
        return response;
      }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const workers = handles.map((handle) => createGorgiasClient({
          baseUrl, ...ACCOUNT, rateLimitWindowMs: GORGIAS_BUCKET.windowSeconds * 1000, budgets: createDbBudgetLedger(handle.db),
        }));
        // Gorgias has described its bucket to each worker once.
        for (const gorgias of workers) await gorgias.findCustomerByEmail('first@example.com');
        statuses.length = 0;
        // 12 calls where the bucket holds 4 and drains 2 a second: about 5 s of queueing.
        await Promise.all(workers.flatMap((gorgias) => Array.from({ length: 6 }, (_, i) => gorgias.findCustomerByEmail(`shopper-${i}@example.com`))));
        expect(statuses).toHaveLength(12);
        expect(statuses.filter((status) => status === 429)).toEqual([]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }, 30_000);
  });
}
