import { expect, submitLookup, test } from './support/fixtures';

const FRENCH_DATE = /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/;
/** French money: thin spaces between thousands, a decimal comma, a no-break space before "€". */
const FRENCH_EUROS = /\d{1,3}(?:\u202f\d{3})*,\d{2}\u00a0€/;

test('?lng=fr shows the lookup page in French', async ({ page }) => {
  await page.goto('/?lng=fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retrouver votre commande');
  await expect(page.getByLabel('Numéro de commande', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Adresse e-mail', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retrouver ma commande' })).toBeVisible();
});

test('the order page follows in French, with French dates and euros, and the choice sticks', async ({ page, context, demoOrders }) => {
  const order = demoOrders.get('delivered-recently');
  expect(order.currency).toBe('EUR');
  await page.goto('/?lng=fr');
  const response = await submitLookup(page, { orderNumber: order.name, email: order.email }, 'fr');
  expect(response.status()).toBe(302);
  // The order page's URL carries no ?lng: the language comes from the cookie.
  await expect(page).toHaveURL('/order');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^Livrée le ${FRENCH_DATE.source}$`));
  await expect(page.getByText(new RegExp(`· Passée le ${FRENCH_DATE.source}$`))).toBeVisible();
  const items = page.getByRole('region', { name: 'Articles' });
  await expect(items.getByText(/l’unité$/).first()).toHaveText(new RegExp(`^${FRENCH_EUROS.source} l’unité$`));
  await expect(items.getByText('Total', { exact: true }).locator('..')).toHaveText(new RegExp(`^Total${FRENCH_EUROS.source}$`));
  await expect(page.getByRole('button', { name: 'Rechercher une autre commande' })).toBeVisible();
  expect(await context.cookies()).toContainEqual(expect.objectContaining({ name: 'comptoir_lng' }));

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retrouver votre commande');
});

test('the language links switch languages, and the switch sticks', async ({ page }) => {
  await page.goto('/?lng=fr');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find your order');
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
});

test.describe('a browser set to French', () => {
  test.use({ locale: 'fr-FR' });

  test('gets French without choosing it', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('button', { name: 'Retrouver ma commande' })).toBeVisible();
  });
});
