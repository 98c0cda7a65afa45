import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** The accessibility spec's check: WCAG 2.1 A/AA violations on what the page shows now, by element. */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.map((v) => ({ rule: v.id, help: v.help, elements: v.nodes.map((node) => node.target.join(' ')) }));
  expect(found).toEqual([]);
}

const pages = {
  en: { title: 'Returns and exchanges', section: '2. When you can return', clause: 'Clause 3.2 Final sale', footer: 'Return policy' },
  fr: { title: 'Retours et échanges', section: '2. Quand retourner un article', clause: 'Article 3.2 Articles soldés définitifs', footer: 'Politique de retour' },
} as const;

for (const language of ['en', 'fr'] as const) {
  const text = pages[language];

  test(`the policy page shows its sections and clauses, and no version hash (${language})`, async ({ page }) => {
    await page.goto(`/policy?lng=${language}`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page).toHaveTitle(`${text.title} · Maison Lumière`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
    // The version hash is for agents' notes; shoppers would only wonder what it means.
    await expect(page.locator('main')).not.toContainText(/\b[0-9a-f]{12}\b/);
    await expect(page.getByRole('heading', { level: 2, name: text.section })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toHaveCount(11);
    const finalSale = page.getByRole('heading', { level: 3, name: text.clause });
    await expect(finalSale).toBeVisible();
    await expect(page.locator('[id="clause-3.2"]')).toContainText(language === 'en' ? 'cannot be returned or exchanged' : 'ni repris ni échangés');
    // Placeholders are filled from the rules, never shown raw.
    await expect(page.locator('main')).not.toContainText('{{');
    await expect(page.locator('[id="clause-2.1"]')).toContainText(language === 'en' ? '30 days' : '30 jours');
    await expect(page.locator('[id="clause-4.1"]').getByRole('listitem')).toHaveCount(3);
  });

  test(`a refusal's link lands on its clause (${language})`, async ({ page }) => {
    await page.goto(`/?lng=${language}`);
    await page.getByRole('contentinfo').getByRole('link', { name: text.footer }).click();
    await expect(page).toHaveURL('/policy');
    await page.goto('/policy#clause-3.2');
    await expect(page.locator(':target')).toHaveAttribute('id', 'clause-3.2');
    await expect(page.locator('[id="clause-3.2"]')).toBeInViewport();
  });

  test(`the policy page has no accessibility violations (${language})`, async ({ page }) => {
    await page.goto(`/policy?lng=${language}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
    await expectNoViolations(page);
  });
}

test('the policy page fits the phone screen and works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto('/policy?lng=fr');
  await page.getByRole('link', { name: '3. Ce qui ne peut pas être retourné' }).click();
  await expect(page).toHaveURL(/#section-3$/);
  expect(await page.locator('script[src]').count()).toBe(0);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await context.close();
});
