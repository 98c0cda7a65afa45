import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';
import { SANDBOX_SHOP_DOMAIN } from '~/integrations/shopify/env.server';
import { createServices, type Services } from '~/services.server';
import { DATABASE_BACKENDS, postgresUrl } from './support/postgres';
import { openSharedDatabase } from './support/shared-database';
import { startTestShopify, type TestShopify } from './support/test-shopify';
import { waitFor } from './support/wait-for';

/**
 * Two portals on one database, as on many machines, each with its caches of orders and of their
 * returnable units: an order one of them learns changed (a webhook, a case carried out) is read
 * afresh by the other too, within moments instead of the caches' 2 and 10 minutes. On PGlite the
 * two share one handle; on PostgreSQL each has its own pool and listener, like two processes.
 */
for (const backend of DATABASE_BACKENDS) {
  describe.skipIf(backend.skip)(`caches kept true across two portals on ${backend.name}`, () => {
    const dataDirs = [mkdtempSync(join(tmpdir(), 'comptoir-caches-a-')), mkdtempSync(join(tmpdir(), 'comptoir-caches-b-'))];
    let shopify: TestShopify;
    let one: Services;
    let other: Services;
    let drop = async () => {};

    beforeAll(async () => {
      shopify = await startTestShopify({ shop: SANDBOX_SHOP_DOMAIN, accessToken: 'shpat_shared_caches' });
      const { handles, url, drop: dropDatabase } = await openSharedDatabase(backend.postgres ? postgresUrl! : null, 'comptoir_shared_caches');
      drop = dropDatabase;
      const portal = (index: 0 | 1) => createServices(parseEnv({
        COMPTOIR_DATA_DIR: dataDirs[index], SANDBOX_SHOPIFY_URL: shopify.baseUrl, ...(url ? { DATABASE_URL: url } : {}),
      }), { database: handles[index] });
      one = await portal(0);
      other = await portal(1);
    });

    afterAll(async () => {
      await other?.close();
      await one?.close();
      await drop();
      await shopify?.close();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    });

    const reads = async (operation: string) => Number((await shopify.control('stats')).operations?.[operation] ?? 0);

    it('an order changed through one portal is read afresh by the other, its returnable units too', async () => {
      const order = await shopify.orderOf('delivered-recently');
      await other.orders.getOrder(order.id);
      await other.shopifyReturns.getReturnContext(order.id);
      const [orderReads, contextReads] = [await reads('ComptoirOrderById'), await reads('ComptoirReturnContext')];
      // Cached: reading again costs Shopify nothing.
      await other.orders.getOrder(order.id);
      await other.shopifyReturns.getReturnContext(order.id);
      expect([await reads('ComptoirOrderById'), await reads('ComptoirReturnContext')]).toEqual([orderReads, contextReads]);

      // A webhook reaches the first portal (or its worker carried a case out there).
      one.webhooks.invalidateOrder(order.id);
      await waitFor(async () => {
        await other.orders.getOrder(order.id);
        return (await reads('ComptoirOrderById')) > orderReads;
      }, 5_000);
      await other.shopifyReturns.getReturnContext(order.id);
      expect(await reads('ComptoirReturnContext')).toBe(contextReads + 1);
    });
  });
}
