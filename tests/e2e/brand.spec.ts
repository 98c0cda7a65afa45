import type { Page } from '@playwright/test';
import { toBrandPalette } from '../../app/brand/palette';
import { test as base, expect, openOrder, type Language } from './support/fixtures';
import { withOwnServer } from './support/returns-server';
import { SERVER_START_MS } from './support/servers';
import { chooseLine, confirmConditions, expectCaseState, expectNoAxeViolations, goToReview, returnLabels, sendReturn, startReturn } from './support/returns';

/*
 * The sandbox's demo brand, Maison Lumière, as a shopper sees it: its logo and name, its colours,
 * its contact, its return address, and titles that name it, never Comptoir. Runs on a server of
 * its own (a return uses up a unit of a demo order for good).
 */

// A worker fixture of its own, so a worker (and a server) of its own: its returns use up the same
// demo order's units as returns.spec, which must find them still there.
const test = base.extend<object, { brandServerUrl: string }>({
  brandServerUrl: [async ({}, use) => withOwnServer(use), { scope: 'worker', timeout: SERVER_START_MS + 15_000 }],
  baseURL: async ({ brandServerUrl }, use) => use(brandServerUrl),
});

const STORE = 'Maison Lumière';
const text = {
  en: { tagline: 'Order help', lookupTitle: `Find your order · ${STORE}`, contact: 'Contact us:', sendTo: 'How to send the items back', returnTitle: 'Return' },
  fr: { tagline: 'Aide commande', lookupTitle: `Retrouver votre commande · ${STORE}`, contact: 'Nous contacter :', sendTo: 'Comment nous renvoyer les articles', returnTitle: 'Retour' },
} as const;
const HASH = /\b[0-9a-f]{12}\b/;

/** CSS colours as the browser computes them: #d99a1e → rgb(217, 154, 30). */
const toRgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;

async function expectStoreChrome(page: Page, language: Language) {
  const banner = page.getByRole('banner');
  const home = banner.getByRole('link', { name: new RegExp(`^${STORE}`) });
  await expect(home).toHaveAttribute('href', '/');
  await expect(home.getByRole('img', { name: STORE })).toHaveAttribute('src', '/brand/maison-lumiere.svg');
  await expect(home).toContainText(text[language].tagline);
  await expect(banner).not.toContainText('Comptoir');
  const footer = page.getByRole('contentinfo');
  await expect(footer).toContainText(text[language].contact);
  await expect(footer.getByRole('link', { name: 'help@comptoir-demo.example' })).toHaveAttribute('href', 'mailto:help@comptoir-demo.example');
}

for (const language of ['en', 'fr'] as const) {
  test(`every page carries the store's name, logo, colours and contact (${language})`, async ({ page }) => {
    await page.goto(`/?lng=${language}`);
    await expect(page).toHaveTitle(text[language].lookupTitle);
    await expectStoreChrome(page, language);
    // The colours come from COMPTOIR_STORE_ACCENT through CSS variables, darkened for text.
    const palette = toBrandPalette('#d99a1e');
    await expect(page.getByRole('button', { name: language === 'en' ? 'Find my order' : 'Retrouver ma commande' })).toHaveCSS('background-color', toRgb(palette[700]));
    await expect(page.getByRole('banner')).toHaveCSS('border-top-color', toRgb(palette.accent));
    await expectNoAxeViolations(page);

    expect((await page.goto(`/no-such-page?lng=${language}`))?.status()).toBe(404);
    await expect(page).toHaveTitle(STORE);
    await expect(page.getByRole('main').getByRole('link', { name: 'help@comptoir-demo.example' })).toBeVisible();

    await page.goto(`/policy?lng=${language}`);
    await expect(page).toHaveTitle(new RegExp(` · ${STORE}$`));
    await expect(page.getByRole('main')).not.toContainText(HASH);
  });

  test(`a return shows the store's address to send to, and no policy hash (${language})`, async ({ page, demoOrders }) => {
    await openOrder(page, demoOrders.get('delivered-recently', language === 'en' ? 0 : 1), language);
    await expect(page).toHaveTitle(new RegExp(` · ${STORE}$`));
    await startReturn(page, language);
    await chooseLine(page, { quantity: 1, reason: returnLabels[language].tooSmall }, language);
    await confirmConditions(page, language);
    await goToReview(page, language);
    await expect(page).toHaveTitle(new RegExp(` · ${STORE}$`));
    await expect(page.getByRole('main')).not.toContainText(HASH);
    const caseId = await sendReturn(page, language);
    await expectCaseState(page, returnLabels[language].labelReady);
    await expect(page).toHaveTitle(`${text[language].returnTitle} ${caseId} · ${STORE}`);
    const sendTo = page.getByRole('region', { name: text[language].sendTo });
    await expect(sendTo).toContainText(caseId);
    await expect(sendTo.locator('address')).toHaveText(/Maison Lumière — Service retours.*14 rue des Artisans.*69004 Lyon.*France/);
    await expect(page.getByRole('main')).not.toContainText(HASH);
    await expectStoreChrome(page, language);
    await expectNoAxeViolations(page);
  });
}

test('inside the chat widget the header keeps the logo and name, without the tagline', async ({ page }) => {
  await page.goto('/?embed=1');
  const home = page.getByRole('banner').getByRole('link', { name: STORE });
  await expect(home.getByRole('img', { name: STORE })).toBeVisible();
  await expect(home).not.toContainText('Order help');
});
