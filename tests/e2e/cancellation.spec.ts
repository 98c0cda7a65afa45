import type { Page } from '@playwright/test';
import { openTicket } from './support/agents';
import { fetchDemoOrders, openOrder, type Language } from './support/fixtures';
import { expectNoAxeViolations } from './support/returns';
import { expect, test } from './support/returns-server';

/*
 * Cancelling an order from the order page, on a server of this spec's own (support/returns-server):
 * a cancelled demo order stays cancelled, and other specs need the unshipped ones as they are.
 */

const words = {
  en: {
    actions: 'Change or cancel this order', cancel: 'Cancel the order', confirm: /^(Cancel my order|Confirm the cancellation)$/, reason: 'I changed my mind',
    cancelled: /^Your order was cancelled on /, refund: /is refunded to your original payment method/, event: 'Order cancelled and refund issued',
    shipped: /^Already shipped on .+: it can no longer be cancelled, but you can return it once it arrives\./, notOnline: 'This order cannot be cancelled online',
  },
  fr: {
    actions: 'Modifier ou annuler cette commande', cancel: 'Annuler la commande', confirm: /^(Annuler ma commande|Confirmer l’annulation)$/, reason: 'J’ai changé d’avis',
    cancelled: /^Votre commande a été annulée le /, refund: /sont remboursés sur votre moyen de paiement d’origine/, event: 'Commande annulée et remboursement effectué',
    shipped: /^Déjà expédiée le .+ : elle ne peut plus être annulée/, notOnline: 'Cette commande ne peut pas être annulée en ligne',
  },
} as const;

type Cancellation = { orderId: string; status: string; refundTo: string; restock: boolean };

async function cancellationsOf(page: Page): Promise<Cancellation[]> {
  const response = await page.request.get('/__sandbox/shopify/cancellations');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { cancellations: Cancellation[] }).cancellations;
}

/** From the order page to the case page: the reason chosen, the cancellation confirmed. */
async function cancelFromOrderPage(page: Page, language: Language, options: { axe: boolean } = { axe: true }): Promise<string> {
  const text = words[language];
  await expect(page.getByRole('heading', { name: text.actions })).toBeVisible();
  await page.getByRole('link', { name: text.cancel }).click();
  await page.waitForURL('/order/cancel');
  // axe runs in the page: not without JavaScript.
  if (options.axe) await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: text.reason }).check();
  await page.getByRole('button', { name: text.confirm }).click();
  await page.waitForURL(/\/cases\/C-/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

for (const [language, index] of [['en', 0], ['fr', 1]] as const) {
  test(`cancels an unshipped order at once (${language}): refund shown, the order cancelled in Shopify, one ticket`, async ({ page }) => {
    const order = (await fetchDemoOrders(page.request)).get('ready-to-cancel', index);
    const before = (await cancellationsOf(page)).length;
    await openOrder(page, order, language);
    const caseId = await cancelFromOrderPage(page, language);
    const text = words[language];
    // Carried out on the request (or, at worst, within seconds by the page refreshing itself).
    await expect(page.getByRole('heading', { name: text.cancelled })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(text.refund)).toBeVisible();
    await expect(page.getByText(text.event)).toBeVisible();
    await expectNoAxeViolations(page);
    const made = await cancellationsOf(page);
    expect(made).toHaveLength(before + 1);
    expect(made.at(-1)).toMatchObject({ status: 'SUCCEEDED', refundTo: 'original_payment', restock: true });
    // The order page now links the case instead of offering a second cancellation.
    await page.goto('/order');
    await expect(page.getByRole('link', { name: new RegExp(caseId) }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: text.cancel })).toHaveCount(0);
    // The agent's ticket tells what was done.
    if (language === 'en') await openTicket(page, caseId, order.name, 'Order cancelled in Shopify (orderCancel)');
  });
}

test('a shipped order explains why it cannot be cancelled, on the order page and on the cancel page', async ({ page }) => {
  const order = (await fetchDemoOrders(page.request)).get('in-transit');
  await openOrder(page, order);
  await expect(page.getByText(words.en.shipped)).toBeVisible();
  await expect(page.getByRole('link', { name: words.en.cancel })).toHaveCount(0);
  await page.goto('/order/cancel');
  await expect(page.getByRole('heading', { name: words.en.notOnline })).toBeVisible();
  await expect(page.getByText(words.en.shipped)).toBeVisible();
  await expect(page.getByRole('button', { name: words.en.confirm })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('above the value limit, a cancellation is a request the team checks, and says why', async ({ page }) => {
  const order = (await fetchDemoOrders(page.request)).get('cancel-for-review');
  await openOrder(page, order);
  await page.getByRole('link', { name: 'Ask to cancel the order' }).click();
  await expect(page.getByText('Cancellations worth more than €300.00 are checked by our team.')).toBeVisible();
  await page.getByRole('radio', { name: 'I ordered by mistake' }).check();
  await page.getByRole('button', { name: 'Send my cancellation request' }).click();
  await page.waitForURL(/\/cases\/C-/);
  await expect(page.getByRole('heading', { name: 'Our team checks whether your order can still be stopped, and answers within two working days.' })).toBeVisible();
  await expect(page.getByText('Cancellations worth more than €300.00 are checked by our team.')).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await cancellationsOf(page)).filter((made) => made.status === 'SUCCEEDED' && made.orderId.endsWith(order.name.slice(1)))).toEqual([]);
  // While the team decides, the order's shipping is held in Shopify: the case page says so once the case's job ran…
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Shipping is on hold until our team decides')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  // …and the store's admin shows the hold and will not fulfil the order.
  await page.goto('/__sandbox/shopify/admin');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: order.name, exact: true }) });
  await expect(card.getByText('On hold')).toBeVisible();
  await expect(card.getByText(/Cancellation requested from Comptoir: do not ship until the team decides/)).toBeVisible();
  await card.getByRole('button', { name: `Fulfil ${order.name}` }).click();
  await expect(page.getByRole('alert')).toContainText(`${order.name} is on hold`);
});

test('some items only: one of two units cancelled and refunded, the rest of the order kept and still cancellable', async ({ page }) => {
  const order = (await fetchDemoOrders(page.request)).get('ready-to-cancel', 3);
  await openOrder(page, order);
  await page.getByRole('link', { name: words.en.cancel }).click();
  await page.waitForURL('/order/cancel');
  await expect(page.getByText('If you cancel only some items, you get back what you paid for them, and the shipping stays paid.')).toBeVisible();
  await expect(page.getByText(/^€\d+\.\d\d back for each one cancelled$/)).toBeVisible();
  await page.getByLabel('How many to cancel').selectOption('1');
  await page.getByRole('radio', { name: words.en.reason }).check();
  await page.getByRole('button', { name: 'Confirm the cancellation' }).click();
  await page.waitForURL(/\/cases\/C-/);
  await expect(page.getByRole('heading', { name: /^These items were cancelled on .+ The rest of your order ships as planned\.$/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/^€\d+\.\d\d is refunded to your original payment method/)).toBeVisible();
  await expect(page.getByText('Only these items are cancelled: the rest of the order is kept.')).toBeVisible();
  await expect(page.getByText(/^1 × /)).toBeVisible();
  await expect(page.getByText('Items cancelled and refund issued')).toBeVisible();
  await expectNoAxeViolations(page);
  // No orderCancel in Shopify: the order stays, with one unit left, which can be cancelled in turn.
  expect((await cancellationsOf(page)).filter((made) => made.orderId.endsWith(order.name.slice(1)))).toEqual([]);
  await page.goto('/order/cancel');
  await expect(page.getByText(/^1 × /)).toBeVisible();
  await expect(page.getByLabel('How many to cancel')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the cancellation works as a plain form, and the case page looks again by itself', async ({ page }) => {
    const order = (await fetchDemoOrders(page.request)).get('ready-to-cancel', 2);
    await openOrder(page, order);
    await cancelFromOrderPage(page, 'en', { axe: false });
    await expect(page.getByRole('heading', { name: words.en.cancelled })).toBeVisible({ timeout: 20_000 });
  });
});
