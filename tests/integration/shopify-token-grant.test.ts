import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '~/integrations/shopify/env.server';
import { createTestClock, startEmulator, type RunningEmulator } from '~/sandbox/shopify/emulator-harness.test-helpers';

/**
 * The emulator's token endpoint over HTTP, as Shopify answers the client credentials grant:
 * POST /admin/oauth/access_token → {access_token, scope, expires_in}; OAuth errors otherwise.
 */
const time = createTestClock('2026-12-02T08:00:00Z');
let shop: RunningEmulator;
beforeAll(async () => {
  shop = await startEmulator({ clock: time.clock, tokenLifetimeSeconds: 60 });
});
afterAll(() => shop.close());

const grant = (body: string, contentType = 'application/json') =>
  fetch(`${shop.url}/admin/oauth/access_token`, { method: 'POST', headers: { 'Content-Type': contentType, Accept: 'application/json' }, body });
const asJson = (fields: Record<string, string>) => JSON.stringify(fields);
const sandboxGrant = { client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'client_credentials' };
const ping = async (token: string) => (await shop.graphql('query Ping { shop { name } }', {}, token)).status;

describe('client credentials grant', () => {
  it('grants an expiring Admin API token to the installed app, as JSON or as a form', async () => {
    for (const [body, type] of [[asJson(sandboxGrant), 'application/json'], [new URLSearchParams(sandboxGrant).toString(), 'application/x-www-form-urlencoded']]) {
      const response = await grant(body!, type);
      expect(response.status).toBe(200);
      const token = (await response.json()) as { access_token: string; scope: string; expires_in: number };
      expect(token).toEqual({ access_token: expect.stringMatching(/^shpat_[0-9a-f]{32}$/), scope: expect.stringContaining('read_orders'), expires_in: 60 });
      expect(await ping(token.access_token)).toBe(200);
    }
  });

  it('refuses a wrong secret or an unknown app with OAuth invalid_client, and other grants', async () => {
    for (const wrong of [{ ...sandboxGrant, client_secret: 'shpss_wrong' }, { ...sandboxGrant, client_id: 'f'.repeat(32) }]) {
      const response = await grant(asJson(wrong));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('Client authentication failed') });
    }
    expect(await (await grant(asJson({ ...sandboxGrant, grant_type: 'authorization_code' }))).json()).toMatchObject({ error: 'unsupported_grant_type' });
    const missing = await grant(asJson({ client_id: SANDBOX_CLIENT_ID }));
    expect([missing.status, ((await missing.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    expect((await grant('not json')).status).toBe(400);
  });

  it('refuses an expired token with Shopify’s 401 body, on its own clock', async () => {
    const { access_token: token } = (await (await grant(asJson(sandboxGrant))).json()) as { access_token: string };
    time.advance(59_000);
    expect(await ping(token)).toBe(200);
    time.advance(1_000);
    const reply = await shop.graphql('query Ping { shop { name } }', {}, token);
    expect([reply.status, reply.body]).toEqual([401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }]);
  });

  it('revokes every granted token from the sandbox control, and counts grants and refusals', async () => {
    await shop.post('/__sandbox/shopify/reset', {});
    const { access_token: token } = (await (await grant(asJson(sandboxGrant))).json()) as { access_token: string };
    await grant(asJson({ ...sandboxGrant, client_secret: 'shpss_wrong' }));
    const revoked = (await (await shop.post('/__sandbox/shopify/tokens/revoke', {})).json()) as { revoked: number };
    expect(revoked.revoked).toBeGreaterThanOrEqual(1);
    expect(await ping(token)).toBe(401);
    const stats = await (await fetch(`${shop.url}/__sandbox/shopify/stats`)).json();
    expect(stats).toMatchObject({ unauthorized: 1, tokens: { issued: 1, refused: 1, live: 0 } });
  });
});
