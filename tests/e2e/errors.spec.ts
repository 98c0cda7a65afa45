import { expect, test } from './support/fixtures';

test('an unknown address shows the "Page not found" page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Back to order lookup' }).click();
  await expect(page.getByRole('heading', { name: 'Find your order' })).toBeVisible();
});

test('the "Page not found" page speaks French too', async ({ page }) => {
  const response = await page.goto('/nulle-part?lng=fr');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await expect(page.getByRole('link', { name: 'Retour à la recherche de commande' })).toBeVisible();
});
