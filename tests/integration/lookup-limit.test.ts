import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbRateLimitStore } from '~/db/rate-limit-store.server';
import { createDbSessionStore } from '~/db/session-store.server';
import { parseEnv } from '~/env.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { lookUpOrder, type LookupOutcome } from '~/orders/lookup';
import { createLookupLimiter } from '~/rate-limit/lookup-limiter';
import { hashIdentifier } from '~/session/hash.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { createPostgresDatabase } from './support/postgres';

/**
 * The failed-lookup cap as portal processes run it: the lookup use case, the real Shopify adapter
 * against the emulator over HTTP (which counts what reaches "Shopify"), the limiter on the real
 * database store. On PostgreSQL (TEST_DATABASE_URL), two database handles stand for two portal
 * processes sharing one database, and the guesses are spread over both.
 */
const SHOP = 'limit-test.myshopify.com';
const TOKEN = 'shpat_limittest';
const SECRET = 'l'.repeat(40);
const MINUTE = 60_000;
const adminUrl = process.env.TEST_DATABASE_URL;

let shopify: Server;
let shopifyUrl: string;
let demo: Array<{ name: string; email: string; scenario: string }>;

const control = (path: string, body: unknown) =>
  fetch(`${shopifyUrl}/__sandbox/shopify/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const shopifyCalls = async () => ((await (await fetch(`${shopifyUrl}/__sandbox/shopify/stats`)).json()) as { requests: number }).requests;
const demoOrder = (scenario: string) => demo.find((order) => order.scenario === scenario)!;

beforeAll(async () => {
  shopify = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => shopify.listen(0, '127.0.0.1', resolve));
  shopifyUrl = `http://127.0.0.1:${(shopify.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
});
afterAll(() => new Promise<void>((resolve) => shopify.close(() => resolve())));
beforeEach(async () => {
  await control('reset', {});
});

const backends = [
  { name: 'PGlite', processes: 1, skip: false },
  { name: adminUrl ? 'PostgreSQL, two processes' : 'PostgreSQL (skipped: TEST_DATABASE_URL not set)', processes: 2, skip: !adminUrl },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`failed-lookup cap on ${backend.name}`, () => {
    let handles: DatabaseHandle[] = [];
    let dropDatabase = async () => {};

    beforeAll(async () => {
      if (!adminUrl || backend.name === 'PGlite') {
        handles = [await createDatabase({ dataDir: 'memory://' })];
        return;
      }
      const database = await createPostgresDatabase(adminUrl, 'comptoir_limit');
      dropDatabase = database.drop;
      for (let i = 0; i < backend.processes; i += 1) handles.push(await createDatabase({ url: database.url }));
    });
    afterAll(async () => {
      await Promise.all(handles.map((handle) => handle.close()));
      await dropDatabase();
    });

    /** One portal process's lookup, configured from the environment as services.server.ts does. */
    function processes(env: Record<string, string> = {}) {
      const config = parseEnv(env);
      const orders = createShopifyOrderSource({ client: createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: shopifyUrl }) });
      return handles.map((handle) => {
        // One limiter per process, as services.server.ts builds it: what it has seen is its own.
        const guard = createLookupLimiter({ store: createDbRateLimitStore(handle.db), rules: config.rateLimits, hashKey: (value) => hashIdentifier(SECRET, value) });
        const sessions = createDbSessionStore(handle.db, { secret: SECRET });
        return {
          config,
          lookUp: (attempt: { orderNumber: string; email: string; clientAddress: string }, now: Date) =>
            lookUpOrder({ orders, guard, sessions, secondFactor: 'none', background: (work) => void work() }, { ...attempt, orderNumber: parseOrderNumber(attempt.orderNumber)!, secondFactor: null }, now),
        };
      });
    }
    const reasons = (outcomes: LookupOutcome[]) => outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason)).sort();

    /*
     * A lookup asks Shopify while its slots are being taken unless its process knows better (a
     * lock it saw, or another lookup of the same order reserving), so each process may spend one
     * call of a burst, or one call on a lock it has not seen yet, on an answer it then throws away.
     * No answer is ever used without a slot.
     */
    const spare = backend.processes - 1;

    it('lets five of ten simultaneous wrong lookups for one order through, and Shopify sees little more; the rest get the locked answer', async () => {
      const portal = processes();
      const order = demoOrder('in-transit');
      const now = new Date('2030-01-01T10:00:00Z');
      // Slow answers keep all ten in flight together, as a burst from a script would be.
      await control('faults', { mode: 'none', latencyMs: 150 });
      const guesses = Array.from({ length: 10 }, (_, i) =>
        portal[i % portal.length]!.lookUp({ orderNumber: order.name, email: `guess${i}@example.com`, clientAddress: `198.51.100.${i}` }, now));
      const outcomes = await Promise.all(guesses);
      const calls = await shopifyCalls();
      expect(calls).toBeGreaterThanOrEqual(5);
      expect(calls).toBeLessThanOrEqual(5 + spare);
      expect(reasons(outcomes)).toEqual([...Array(5).fill('locked'), ...Array(5).fill('notFound')]);
      for (const outcome of outcomes) if (!outcome.ok && outcome.reason === 'locked') expect(outcome.retryAfterSeconds).toBe(15 * 60);

      // The owner, from yet another address, is locked out too, and Shopify is not asked.
      const owner = await portal[0]!.lookUp({ orderNumber: order.name, email: order.email, clientAddress: '192.0.2.10' }, new Date(now.getTime() + MINUTE));
      expect(owner).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 14 * 60 });
      expect(await shopifyCalls()).toBe(calls);
    });

    it('locks the order for RATE_LIMIT_ORDER_WINDOW_MINUTES from the failure that reached the cap', async () => {
      const portal = processes({ RATE_LIMIT_ORDER_WINDOW_MINUTES: '20', RATE_LIMIT_ORDER_MAX: '3' });
      const order = demoOrder('out-for-delivery');
      const start = new Date('2030-02-01T10:00:00Z');
      const at = (ms: number) => new Date(start.getTime() + ms);
      const attempt = (email: string, i: number) => ({ orderNumber: order.name, email, clientAddress: `203.0.113.${i}` });
      expect((await portal[0]!.lookUp(attempt('guess1@example.com', 1), start)).ok).toBe(false);
      expect((await portal.at(-1)!.lookUp(attempt('guess2@example.com', 2), at(10 * MINUTE))).ok).toBe(false);
      // The third failure comes 19 minutes in, when a 20-minute window aligned to the clock would be about to reopen.
      expect(await portal[0]!.lookUp(attempt('guess3@example.com', 3), at(19 * MINUTE))).toEqual({ ok: false, reason: 'notFound' });
      const lockEnds = 39 * MINUTE;
      expect(await portal.at(-1)!.lookUp(attempt(order.email, 4), at(20 * MINUTE))).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 19 * 60 });
      expect(await portal[0]!.lookUp(attempt(order.email, 5), at(lockEnds - 1000))).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 1 });
      expect(await portal.at(-1)!.lookUp(attempt(order.email, 6), at(lockEnds))).toMatchObject({ ok: true });
      // Three guesses and the owner's success; on two processes, the second one learns of the lock by meeting it.
      expect(await shopifyCalls()).toBe(4 + spare);
    });
  });
}
