import type { APIRequestContext } from '@playwright/test';
import { expect, openOrder, submitLookup, test, type Language } from './support/fixtures';

/*
 * Runs alone against the isolated server (see playwright.config.ts): a fault injected into the
 * emulator hits whatever Shopify call comes next, so nothing else may be calling it.
 */
test.describe.configure({ mode: 'serial' });

const UNAVAILABLE: Record<Language, string> = { en: "We couldn't reach the store", fr: 'La boutique ne répond pas' };

async function injectFault(request: APIRequestContext, mode: 'throttled' | 'http429' | 'http500', count = 1) {
  const response = await request.post('/__sandbox/shopify/faults', { data: { mode, count } });
  expect(response.ok(), `inject ${mode}`).toBe(true);
}

test.afterEach(async ({ request }) => {
  await request.post('/__sandbox/shopify/reset');
});

const cases = [
  { mode: 'http500', language: 'en' },
  { mode: 'http429', language: 'en' },
  { mode: 'throttled', language: 'fr' },
] as const;

for (const { mode, language } of cases) {
  test(`Shopify answering ${mode} to a lookup shows the "try again" page (${language}); the next lookup works`, async ({ page, request, demoOrders }) => {
    const order = demoOrders.get('in-transit');
    const details = { orderNumber: order.name, email: order.email };
    await page.goto(`/?lng=${language}`);
    await injectFault(request, mode);
    const failed = await submitLookup(page, details, language);
    expect(failed.status()).toBe(503);
    expect(Number(failed.headers()['retry-after'])).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(UNAVAILABLE[language]);
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'comptoir_session' }));

    await request.post('/__sandbox/shopify/reset');
    // After a throttle the app waits for Shopify's bucket to refill, so allow a few seconds.
    await expect(async () => {
      await page.goto('/');
      expect((await submitLookup(page, details, language)).status()).toBe(302);
    }).toPass({ timeout: 20_000 });
    await expect(page).toHaveURL('/order');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^(On its way|En route)/);
  });
}

test('a failure while the order page loads shows the "try again" page; a reload shows the order', async ({ page, request, demoOrders }) => {
  await openOrder(page, demoOrders.get('in-transit'));
  await injectFault(request, 'http500');
  expect((await page.reload())?.status()).toBe(503);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(UNAVAILABLE.en);

  await request.post('/__sandbox/shopify/reset');
  expect((await page.reload())?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^On its way/);
});

test('a revoked Admin API token costs the shopper nothing: the portal renews it once and the lookup goes through', async ({ page, request, demoOrders }) => {
  await openOrder(page, demoOrders.get('in-transit'));
  const revoked = (await (await request.post('/__sandbox/shopify/tokens/revoke')).json()) as { revoked: number };
  expect(revoked.revoked).toBeGreaterThan(0);
  type Stats = { unauthorized: number; tokens: { issued: number } };
  const before = (await (await request.get('/__sandbox/shopify/stats')).json()) as Stats;

  const order = demoOrders.get('delivered-recently');
  await page.goto('/');
  expect((await submitLookup(page, { orderNumber: order.name, email: order.email }, 'en')).status()).toBe(302);
  await expect(page).toHaveURL('/order');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Delivered/);
  const after = (await (await request.get('/__sandbox/shopify/stats')).json()) as Stats;
  expect(after.unauthorized).toBe(before.unauthorized + 1);
  expect(after.tokens.issued).toBe(before.tokens.issued + 1);
});
