import AxeBuilder from '@axe-core/playwright';
import { makeJpeg } from '../../app/photos/photo-fixtures.test-helpers';
import type { Page } from '@playwright/test';
import { expect, labels, lockOut, openOrder, submitLookup, test, unknownOrderNumber } from './support/fixtures';
import { chooseLine, continueTo, returnLabels, startReturn } from './support/returns';

/** Runs axe on what the page shows now and lists any WCAG 2.1 A/AA violation, element by element. */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.map((v) => ({ rule: v.id, help: v.help, elements: v.nodes.map((node) => node.target.join(' ')) }));
  expect(found).toEqual([]);
}

for (const language of ['en', 'fr'] as const) {
  test.describe(`accessibility (${language})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto(`/?lng=${language}`);
    });

    test('lookup page', async ({ page }) => {
      await expect(page.getByRole('button', { name: labels[language].submit })).toBeVisible();
      await expectNoViolations(page);
    });

    test('failed lookup', async ({ page }) => {
      const response = await submitLookup(page, { orderNumber: unknownOrderNumber('AXE'), email: 'nobody@example.com' }, language);
      expect(response.status()).toBe(400);
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoViolations(page);
    });

    test('locked lookup', async ({ page, request }) => {
      const orderNumber = unknownOrderNumber('AXE-LOCKED');
      await lockOut(request, orderNumber);
      const response = await submitLookup(page, { orderNumber, email: 'nobody@example.com' }, language);
      expect(response.status()).toBe(429);
      await expectNoViolations(page);
    });

    test('agent case page, link not valid', async ({ page }) => {
      expect((await page.goto(`/agent/cases/not-a-real-link?lng=${language}`))?.status()).toBe(404);
      await expectNoViolations(page);
    });

    test('page not found', async ({ page }) => {
      expect((await page.goto('/no-such-page'))?.status()).toBe(404);
      await expectNoViolations(page);
    });

    test('every step of the return flow, with and without errors (nothing sent)', async ({ page, demoOrders }) => {
      const text = returnLabels[language];
      await openOrder(page, demoOrders.get('final-sale'), language);
      await startReturn(page, language);
      await expectNoViolations(page);
      await page.getByRole('button', { name: text.continue }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoViolations(page);
      await chooseLine(page, { quantity: 1, reason: text.defective }, language);
      await expectNoViolations(page);
      await page.getByRole('button', { name: text.continue }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoViolations(page);
      await page.getByLabel(text.photos).setInputFiles([1, 2].map((i) => ({ name: `p${i}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg(20 + i, 20)) })));
      await continueTo(page, 'refund', language);
      await expectNoViolations(page);
      await continueTo(page, 'review', language);
      await expectNoViolations(page);
    });

    test('order page with several parcels, history open', async ({ page, demoOrders }) => {
      await openOrder(page, demoOrders.get('partially-fulfilled'), language);
      for (const summary of await page.locator('summary').all()) await summary.click();
      await expectNoViolations(page);
    });

    test('order page with a return made in the store and an item that cannot be returned', async ({ page, demoOrders }) => {
      await openOrder(page, demoOrders.get('exchange-in-progress'), language);
      await expect(page.getByRole('region', { name: language === 'en' ? 'Returns recorded by the store' : 'Retours enregistrés par la boutique' })).toBeVisible();
      await expectNoViolations(page);
    });

    test('order page of a late parcel, and the return page with nothing to return', async ({ page, demoOrders }) => {
      await openOrder(page, demoOrders.get('running-late'), language);
      await expectNoViolations(page);
      await openOrder(page, demoOrders.get('return-requested'), language);
      await page.goto('/order/return');
      await expect(page.getByRole('group', { name: language === 'en' ? 'Why, item by item' : 'Pourquoi, article par article' })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
