import type { Page } from '@playwright/test';
import { fetchDemoOrders, openOrder, type DemoOrder, type Language } from './support/fixtures';
import { expectNoAxeViolations } from './support/returns';
import { expect, test } from './support/returns-server';
import { readStoreOrder } from './support/shopify';

/*
 * Changing an order's delivery address, after a code sent to the order's email, on a server of
 * this spec's own (support/returns-server): a changed address stays changed. Each test takes its
 * own unshipped demo order placed within the policy's 24 hours.
 */

const words = {
  en: {
    link: 'Change the delivery address', send: 'Send me a code', sent: /^We sent a 6-digit code to /, code: 'The 6-digit code from the email',
    lastName: 'Last name', street: 'Street and number', zip: 'Postal code', city: 'City', submit: 'Change the delivery address',
    changed: /^The delivery address was changed on /, wrong: 'This code is not right. You have 4 tries left.', event: 'Delivery address changed in the store',
  },
  fr: {
    link: 'Changer l’adresse de livraison', send: 'M’envoyer un code', sent: /^Nous avons envoyé un code à 6 chiffres à /, code: 'Le code à 6 chiffres de l’e-mail',
    lastName: 'Nom', street: 'Numéro et rue', zip: 'Code postal', city: 'Ville', submit: 'Modifier l’adresse de livraison',
    changed: /^L’adresse de livraison a été modifiée le /, wrong: 'Ce code n’est pas le bon. Il vous reste 4 essais.', event: 'Adresse de livraison modifiée dans la boutique',
  },
} as const;

const NEW_ADDRESS = { lastName: 'Martin', street: '3 rue Mercière', zip: '69002', city: 'Lyon' };

/** The code, read where a person reads it: the sandbox mailbox, in another tab, newest email to this address. */
async function readCodeFromMailbox(page: Page, email: string): Promise<string> {
  const mailbox = await page.context().newPage();
  let code: string | undefined;
  await expect(async () => {
    await mailbox.goto('/__sandbox/mailbox');
    await mailbox.getByRole('row').filter({ hasText: email }).first().getByRole('link').click({ timeout: 1_000 });
    code = (await mailbox.locator('pre').innerText()).match(/^\d{6}$/m)?.[0];
    expect(code).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  await mailbox.close();
  return code!;
}

/** From the order page to the address page, then a code sent to the order's email. */
async function sendCodeFromOrderPage(page: Page, order: DemoOrder, language: Language, options = { axe: true }) {
  const text = words[language];
  await openOrder(page, order, language);
  await page.getByRole('link', { name: text.link }).click();
  await page.waitForURL('/order/address');
  if (options.axe) await expectNoAxeViolations(page);
  await page.getByRole('button', { name: text.send }).click();
  const [local, domain] = order.email.split('@');
  await expect(page.getByText(text.sent)).toContainText(`${local!.slice(0, 1)}•••@${domain}`);
  // The code is nowhere in the page or its address.
  expect(page.url()).not.toMatch(/\d{6}/);
}

async function fillNewAddress(page: Page, language: Language, code: string) {
  const text = words[language];
  await page.getByLabel(text.code).fill(code);
  await page.getByLabel(text.lastName, { exact: true }).fill(NEW_ADDRESS.lastName);
  await page.getByLabel(text.street).fill(NEW_ADDRESS.street);
  await page.getByLabel(text.zip).fill(NEW_ADDRESS.zip);
  await page.getByLabel(text.city).fill(NEW_ADDRESS.city);
}

/** The case's ticket in the sandbox's Gorgias agent view, once its note says `text`. */
async function openAddressTicket(page: Page, caseId: string, text: string) {
  await expect(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    await page.getByRole('link', { name: new RegExp(`^Address change ${caseId} · order `) }).click({ timeout: 1_000 });
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
}

for (const [language, index] of [['en', 0], ['fr', 1]] as const) {
  test(`changes the delivery address after the emailed code (${language}): the case says changed, Shopify has it, the ticket says old → new`, async ({ page }) => {
    const order = (await fetchDemoOrders(page.request)).get('ready-to-cancel', index);
    const before = (await readStoreOrder(page.request, order.name)).shippingAddress!;
    await sendCodeFromOrderPage(page, order, language);
    const code = await readCodeFromMailbox(page, order.email);
    await expect(page.getByLabel(words[language].code)).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(page.getByLabel(words[language].code)).toHaveAttribute('inputmode', 'numeric');
    await expectNoAxeViolations(page);
    await fillNewAddress(page, language, code);
    await page.getByRole('button', { name: words[language].submit }).click();
    await page.waitForURL(/\/cases\/C-/);
    expect(page.url()).not.toContain(code);
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByRole('heading', { name: words[language].changed })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(words[language].event)).toBeVisible();
    // The session that typed the code sees both addresses whole.
    await expect(page.getByText(NEW_ADDRESS.street)).toBeVisible();
    await expect(page.getByText(before.address1)).toBeVisible();
    await expectNoAxeViolations(page);

    const after = (await readStoreOrder(page.request, order.name)).shippingAddress!;
    expect(after).toMatchObject({ address1: NEW_ADDRESS.street, zip: NEW_ADDRESS.zip, address2: null });
    if (language === 'en') {
      await openAddressTicket(page, caseId, `Old shipping address: `);
      await expect(page.getByText(new RegExp(`Old shipping address: .*${before.address1}`)).first()).toBeVisible();
      await expect(page.getByText(new RegExp(`New shipping address: (\\S+ )?Martin, ${NEW_ADDRESS.street}, ${NEW_ADDRESS.zip} ${NEW_ADDRESS.city}, FR`)).first()).toBeVisible();
      await expect(page.getByText("the code sent to the order's email was checked").first()).toBeVisible();
    }
  });
}

test('a wrong code is refused with the tries left, the address typed is kept, and nothing changes in Shopify', async ({ page }) => {
  const order = (await fetchDemoOrders(page.request)).get('unfulfilled', 0);
  const before = (await readStoreOrder(page.request, order.name)).shippingAddress!;
  await sendCodeFromOrderPage(page, order, 'en', { axe: false });
  const code = await readCodeFromMailbox(page, order.email);
  const wrong = code === '000000' ? '111111' : '000000';
  await fillNewAddress(page, 'en', wrong);
  await page.getByRole('button', { name: words.en.submit }).click();
  await expect(page.getByRole('alert')).toHaveText(words.en.wrong);
  await expect(page.getByLabel(words.en.street)).toHaveValue(NEW_ADDRESS.street);
  await expect(page.getByLabel(words.en.code)).toHaveValue('');
  await expectNoAxeViolations(page);
  expect(page.url()).toMatch(/\/order\/address$/);
  expect((await readStoreOrder(page.request, order.name)).shippingAddress).toEqual(before);

  // The right one still works afterwards.
  await page.getByLabel(words.en.code).fill(code);
  await page.getByRole('button', { name: words.en.submit }).click();
  await page.waitForURL(/\/cases\/C-/);
  await expect(page.getByRole('heading', { name: words.en.changed })).toBeVisible({ timeout: 20_000 });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the code and the change work as plain forms', async ({ page }) => {
    const order = (await fetchDemoOrders(page.request)).get('ready-to-cancel', 2);
    await sendCodeFromOrderPage(page, order, 'en', { axe: false });
    await fillNewAddress(page, 'en', await readCodeFromMailbox(page, order.email));
    await page.getByRole('button', { name: words.en.submit }).click();
    await page.waitForURL(/\/cases\/C-/);
    await expect(page.getByRole('heading', { name: words.en.changed })).toBeVisible({ timeout: 20_000 });
    expect((await readStoreOrder(page.request, order.name)).shippingAddress).toMatchObject({ address1: NEW_ADDRESS.street });
  });
});
