import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH, type ShopifyAuth } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createTestClock } from '~/sandbox/shopify/emulator-harness.test-helpers';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { isUpstreamError } from '~/utils/upstream-error';

/**
 * The real adapter (@shopify/shopify-api's client credentials grant, then its GraphQL client)
 * against the emulator over HTTP. The emulator and the adapter share a settable clock, so tokens
 * age by moving time, not by waiting. A legacy custom app's fixed token is installed too.
 */
const SHOP = 'auth-test.myshopify.com';
const LEGACY_TOKEN = 'shpat_legacyauthtest';
const HOUR_SECONDS = 3600;
const time = createTestClock('2026-12-02T08:00:00Z');

let server: Server;
let baseUrl: string;
let shopper: { orderNumber: string; email: string; name: string };

type Stats = { requests: number; unauthorized: number; tokens: { issued: number; refused: number; live: number } };
const stats = async () => (await (await fetch(`${baseUrl}/__sandbox/shopify/stats`)).json()) as Stats;
const control = (path: string) => fetch(`${baseUrl}/__sandbox/shopify/${path}`, { method: 'POST', body: '{}' });
const orders = (auth: ShopifyAuth = SANDBOX_SHOPIFY_AUTH) =>
  createShopifyOrderSource({
    client: createShopifyGraphqlClient({ shopDomain: SHOP, auth, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl, clock: time.clock }),
    gate: createThrottleGate({ maxWaitMs: 0 }),
  });
const lookUp = async (source: ReturnType<typeof orders>) => (await source.findOrderForShopper(shopper))?.name;

beforeAll(async () => {
  const emulator = createShopifyEmulator({ accessToken: LEGACY_TOKEN, clock: time.clock, tokenLifetimeSeconds: HOUR_SECONDS });
  server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const demo = (await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: Array<{ name: string; email: string }> };
  const [first] = demo.orders;
  shopper = { orderNumber: parseOrderNumber(first!.name)!, email: first!.email, name: first!.name };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await control('reset');
});

describe('Shopify auth by the client credentials grant', () => {
  it('asks for a token on the first call only, and shares one grant among concurrent first calls', async () => {
    const source = orders();
    const names = await Promise.all([lookUp(source), lookUp(source), lookUp(source)]);
    expect(names).toEqual([shopper.name, shopper.name, shopper.name]);
    expect(await lookUp(source)).toBe(shopper.name);
    expect(await stats()).toMatchObject({ requests: 4, unauthorized: 0, tokens: { issued: 1 } });
  });

  it('renews the token before it expires, so no call is ever refused for it', async () => {
    const source = orders();
    await lookUp(source);
    // A one-hour token is renewed five minutes before its end.
    time.advance((HOUR_SECONDS - 301) * 1000);
    await lookUp(source);
    expect((await stats()).tokens.issued).toBe(1);
    time.advance(2_000);
    expect(await lookUp(source)).toBe(shopper.name);
    expect(await stats()).toMatchObject({ requests: 3, unauthorized: 0, tokens: { issued: 2 } });
  });

  it('after a revoked token, renews once and retries once; the lookup still succeeds', async () => {
    const source = orders();
    await lookUp(source);
    await control('tokens/revoke');
    expect(await lookUp(source)).toBe(shopper.name);
    expect(await stats()).toMatchObject({ requests: 2, unauthorized: 1, tokens: { issued: 2 } });
    // Calls that all meet the revoked token share one renewal.
    await control('tokens/revoke');
    const names = await Promise.all([lookUp(source), lookUp(source), lookUp(source)]);
    expect(names).toEqual([shopper.name, shopper.name, shopper.name]);
    expect((await stats()).tokens.issued).toBe(3);
  });

  it('reports a wrong secret as one typed, non-retryable error with a clear log line, and does not ask again at once', async () => {
    vi.stubEnv('COMPTOIR_LOG', '');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const source = orders({ ...SANDBOX_SHOPIFY_AUTH, clientSecret: 'shpss_not-the-secret' } as ShopifyAuth);
      const first = await source.findOrderForShopper(shopper).catch((error: unknown) => error);
      expect(isUpstreamError(first)).toBe(true);
      expect(first).toMatchObject({ service: 'shopify', status: 400, code: 'TOKEN_INVALID_CLIENT', retryable: false });
      const second = await source.findOrderForShopper(shopper).catch((error: unknown) => error);
      expect(second).toMatchObject({ code: 'TOKEN_INVALID_CLIENT' });
      expect(await stats()).toMatchObject({ requests: 0, tokens: { issued: 0, refused: 1 } });
      const lines = errors.mock.calls.map(([text]) => JSON.parse(String(text)) as Record<string, unknown>);
      const refused = lines.filter((line) => line.event === 'shopify.token_refused');
      expect(refused).toEqual([expect.objectContaining({
        level: 'error', shop: SHOP, status: 400, code: 'TOKEN_INVALID_CLIENT', hint: expect.stringContaining('SHOPIFY_CLIENT_SECRET'),
      })]);
      expect(JSON.stringify(lines)).not.toContain('shpss_not-the-secret');
      // A minute later it asks once more (the merchant may have installed the app meanwhile).
      time.advance(61_000);
      await source.findOrderForShopper(shopper).catch(() => null);
      expect((await stats()).tokens.refused).toBe(2);
    } finally {
      errors.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});

describe('Shopify auth by a legacy custom app token', () => {
  it('calls with the fixed token and never asks for another', async () => {
    expect(await lookUp(orders({ kind: 'admin-token', adminToken: LEGACY_TOKEN }))).toBe(shopper.name);
    expect(await stats()).toMatchObject({ requests: 1, unauthorized: 0, tokens: { issued: 0 } });
  });

  it('reports a refused fixed token without renewing or retrying', async () => {
    const error = await orders({ kind: 'admin-token', adminToken: 'shpat_revoked' }).findOrderForShopper(shopper).catch((e: unknown) => e);
    expect(error).toMatchObject({ service: 'shopify', status: 401, code: 'HTTP_401', retryable: false });
    expect(await stats()).toMatchObject({ unauthorized: 1, tokens: { issued: 0 } });
  });
});
