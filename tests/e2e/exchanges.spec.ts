import type { Page } from '@playwright/test';
import { agentLinkFromTicket, openTicket } from './support/agents';
import { fetchDemoOrders, openOrder, type DemoOrder, type Language } from './support/fixtures';
import { expect, test } from './support/returns-server';
import {
  chooseLine, confirmConditions, continueTo, expectCaseState, expectNoAxeViolations, returnLabels, sendReturn, shopifyReturnsFor, startReturn,
} from './support/returns';

/*
 * Exchanges in the return wizard, on a server of this spec's own (support/returns-server.ts): each
 * test exchanges the Marinière M / Navy of its own "ready-to-exchange" demo order (#0 to #4).
 */

const words = {
  en: {
    outcome: 'Your money back, or an exchange?', money: 'My money back', exchangeFor: 'In exchange:', noDifference: 'No price difference.',
    shipsNow: 'Your new item ships right away, without waiting for your return.', soldOut: 'This one is sold out.',
    stockChanged: 'Our stock changed while you were choosing.',
  },
  fr: {
    outcome: 'Être remboursé ou échanger ?', money: 'Être remboursé', exchangeFor: 'En échange :', noDifference: 'Pas de différence de prix.',
    shipsNow: 'Votre nouvel article part tout de suite, sans attendre votre retour.', soldOut: 'Épuisé.',
    stockChanged: 'Notre stock a changé pendant votre choix.',
  },
} as const;

/** From the order page to the refund step, one Marinière, too small. */
async function toChoice(page: Page, index: number, language: Language = 'en') {
  await openOrder(page, await demoOrder(page, index), language);
  await startReturn(page, language);
  await chooseLine(page, { quantity: 1, reason: returnLabels[language].tooSmall }, language);
  await confirmConditions(page, language);
  await expect(page.getByRole('heading', { name: words[language].outcome })).toBeVisible();
}

/** The `index`-th demo order ready to exchange, as the sandbox lists it. */
async function demoOrder(page: Page, index: number): Promise<DemoOrder> {
  return (await fetchDemoOrders(page.request)).get('ready-to-exchange', index);
}

const swatch = (page: Page, name: string | RegExp) => page.getByRole('radio', { name });

for (const [language, index] of [['en', 0], ['fr', 1]] as const) {
  test(`a size exchange (${language}): L instead of M at the same price; sold-out sizes shown but not choosable; Shopify reserves the new item`, async ({ page }) => {
    await toChoice(page, index, language);
    const text = words[language];
    await expect(swatch(page, text.money)).toBeChecked();
    await expect(swatch(page, /^XS \/ Navy/)).toBeDisabled();
    await expect(swatch(page, /^XL \/ Navy/)).toBeEnabled();
    await expect(page.getByText(language === 'en' ? 'Only one left' : 'Plus qu’un seul en stock').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await swatch(page, /^L \/ Navy/).check();
    // Every item exchanged: how money would come back is not asked.
    await expect(page.getByRole('group', { name: returnLabels[language].refundTitle })).toBeHidden();
    await continueTo(page, 'review', language);
    await expect(page.getByText(`${text.exchangeFor} Marinière Saint-Malo — L / Navy`)).toBeVisible();
    await expect(page.getByText(text.noDifference)).toBeVisible();
    await expect(page.getByText(text.shipsNow)).toBeVisible();
    await expectNoAxeViolations(page);

    const caseId = await sendReturn(page, language);
    await expect(page.getByText(`${text.exchangeFor} Marinière Saint-Malo — L / Navy`)).toBeVisible();
    await expectCaseState(page, returnLabels[language].labelReady);
    await expectNoAxeViolations(page);
    const order = await demoOrder(page, index);
    const returns = await shopifyReturnsFor(page.request, order.name);
    expect(returns.map((found) => [found.status, found.exchangeLines.map((line) => [line.sku, line.quantity])])).toEqual([['OPEN', [['MAR-NAV-L', 1]]]]);
    expect(returns[0]!.lines[0]!.returnReasonNote).toContain(`[${caseId}]`);
    if (language === 'fr') return;

    // The agent finds it all on the case's one Gorgias ticket, and on the agent page it links to.
    const agentLink = await agentLinkFromTicket(page, caseId, order.name);
    await openTicket(page, caseId, order.name, /exchange: Marinière Saint-Malo M \/ Navy → L \/ Navy, in stock \(\d+\), no price difference, ships at once \(instant exchange\), clause 5\.5/);
    await page.goto(agentLink);
    await expect(page.getByText('In exchange: Marinière Saint-Malo — L / Navy')).toBeVisible();
    await expect(page.getByText(/^In stock when the request was sent: \d+ · No price difference$/)).toBeVisible();
    await expectNoAxeViolations(page);

    // The store ships the new item: the shopper follows its own parcel; the ticket hears of it.
    await page.goto(`/cases/${caseId}`);
    const newItem = page.getByRole('region', { name: 'Your new item' });
    await expect(newItem).toContainText('1 × Marinière Saint-Malo — L / Navy');
    await expect(newItem.locator('img')).toHaveAttribute('src', /mariniere-saint-malo-nav/);
    // An instant exchange: Shopify was asked to let the new item go at once (its exchange line processed).
    await expect(newItem).toContainText('Being prepared for shipping: it leaves soon.');
    expect((await shopifyReturnsFor(page.request, order.name))[0]!.exchangeLines).toEqual([expect.objectContaining({ sku: 'MAR-NAV-L', processedQuantity: 1 })]);
    await actInShopifyAdmin(page, `Ship the new item for ${order.name}-R1`);
    const tracking = await expectNewItemShipped(page, caseId);
    await actInShopifyAdmin(page, new RegExp(`^Mark ${order.name}\\.\\d+ delivered$`));
    await page.goto(`/cases/${caseId}`);
    await expect(async () => {
      await page.reload();
      await expect(newItem).toContainText('Delivered on', { timeout: 1_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
    await expect(timelineEntry(page, 'Your new item was delivered')).toBeVisible();
    await expectNoAxeViolations(page);
    await openTicket(page, caseId, order.name, new RegExp(`Exchange: the new item shipped to the shopper[\\s\\S]*${tracking}`));
  });
}

const timelineEntry = (page: Page, text: string) => page.getByRole('region', { name: 'What has happened' }).getByText(text, { exact: true });

/** One of the sandbox's Shopify admin buttons, as the store's agent would press it. */
async function actInShopifyAdmin(page: Page, button: string | RegExp) {
  await page.goto('/__sandbox/shopify/admin');
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByRole('status')).toBeVisible();
}

/** Waits for Shopify's webhook to reach the case page; the tracking number shown. */
async function expectNewItemShipped(page: Page, caseId: string): Promise<string> {
  await page.goto(`/cases/${caseId}`);
  const newItem = page.getByRole('region', { name: 'Your new item' });
  await expect(async () => {
    await page.reload();
    await expect(newItem).toContainText(/Shipped on .+ with \w+/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  const tracking = (await newItem.locator('dd').innerText()).trim();
  expect(tracking).toMatch(/^\w{8,}$/);
  await expect(newItem.getByRole('link', { name: /^Follow your parcel/ })).toHaveAttribute('href', /^https:\/\//);
  await expect(timelineEntry(page, 'Your new item has shipped')).toBeVisible();
  return tracking;
}

test('an exchange for another product with a difference to pay: the Polo Marin at €4 more, invoiced by Shopify', async ({ page }) => {
  await toChoice(page, 2);
  await swatch(page, /^Polo Marin — M \/ Navy/).check();
  await continueTo(page, 'review');
  await expect(page.getByText('In exchange: Polo Marin — M / Navy')).toBeVisible();
  await expect(page.getByText('Price difference to pay: €4.00.')).toBeVisible();
  await expect(page.getByText(/^To pay for your exchange: €4\.00\./)).toBeVisible();
  await sendReturn(page);
  await expectCaseState(page, returnLabels.en.labelReady);
  const order = await demoOrder(page, 2);
  expect((await shopifyReturnsFor(page.request, order.name))[0]!.exchangeLines).toEqual([expect.objectContaining({ sku: 'POL-NAV-M', quantity: 1 })]);
  const invoices = (await (await page.request.get('/__sandbox/shopify/invoices')).json()) as { invoices: { orderName: string; amount: string }[] };
  expect(invoices.invoices.filter((invoice) => invoice.orderName === order.name)).toEqual([expect.objectContaining({ amount: '4.00' })]);

  // The shopper pays the invoice: the case page says so, once Shopify's orders/updated arrives.
  const caseUrl = page.url();
  await actInShopifyAdmin(page, `Mark the invoice for ${order.name} paid`);
  await page.goto(caseUrl);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Price difference paid: €4.00. Thank you.')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  await expect(timelineEntry(page, 'Price difference paid')).toBeVisible();
});

test('the last XL sold while the shopper checks the review: back to choose, told why, every other answer kept', async ({ page }) => {
  await toChoice(page, 3);
  await swatch(page, /^XL \/ Navy/).check();
  await continueTo(page, 'review');
  await expect(page.getByText('In exchange: Marinière Saint-Malo — XL / Navy')).toBeVisible();
  const sold = await page.request.post('/__sandbox/shopify/inventory', { data: { sku: 'MAR-NAV-XL', available: 0 } });
  expect(sold.status()).toBe(200);
  try {
    await page.getByRole('button', { name: returnLabels.en.send }).click();
    await expect(page).toHaveURL('/order/return?step=refund');
    await expect(page.getByRole('alert')).toContainText(words.en.stockChanged);
    await expect(page.getByText(words.en.soldOut)).toBeVisible();
    await expect(swatch(page, /^XL \/ Navy/)).toBeDisabled();
    await expectNoAxeViolations(page);
    // The reason and its checks are still there.
    await page.goto('/order/return?step=why');
    await expect(page.getByRole('radio', { name: returnLabels.en.tooSmall, exact: true })).toBeChecked();
    await page.goto('/order/return?step=refund');
    await swatch(page, /^S \/ Navy/).check();
    await continueTo(page, 'review');
    await sendReturn(page);
    await expect(page.getByText('In exchange: Marinière Saint-Malo — S / Navy')).toBeVisible();
  } finally {
    await page.request.post('/__sandbox/shopify/inventory', { data: { sku: 'MAR-NAV-XL', available: 1 } });
  }
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('an exchange is one form of radio buttons: the choice, the review and the case', async ({ page }) => {
    await toChoice(page, 4, 'fr');
    await swatch(page, /^S \/ Navy/).check();
    await expect(page.getByRole('group', { name: returnLabels.fr.refundTitle })).toBeHidden();
    await continueTo(page, 'review', 'fr');
    await expect(page.getByText('En échange : Marinière Saint-Malo — S / Navy')).toBeVisible();
    await sendReturn(page, 'fr');
    await expect(page.getByText('En échange : Marinière Saint-Malo — S / Navy')).toBeVisible();
  });
});
