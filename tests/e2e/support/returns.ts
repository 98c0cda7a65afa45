import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Language } from './fixtures';

/** The return wizard's words, as the shopper reads them (locales/<lng>/returns.json, policy file). */
export const returnLabels = {
  en: {
    start: 'Return items',
    quantity: 'How many to return',
    reason: 'Why are you returning it?',
    photos: 'Photos',
    note: 'Anything to add? (optional)',
    conditions: 'I confirm that each item is:',
    review: 'Review my return',
    reviewTitle: 'Check your return',
    send: 'Send my return request',
    edit: 'Change something',
    received: 'Request received',
    approved: 'Approved by the store',
    caseList: 'Your requests on this order',
    tooSmall: 'Too small',
    defective: 'Faulty or damaged',
  },
  fr: {
    start: 'Retourner des articles',
    quantity: 'Combien en retourner',
    reason: 'Pourquoi le retournez-vous ?',
    photos: 'Photos',
    note: 'Quelque chose à ajouter ? (facultatif)',
    conditions: 'Je confirme que chaque article est :',
    review: 'Vérifier mon retour',
    reviewTitle: 'Vérifiez votre retour',
    send: 'Envoyer ma demande de retour',
    edit: 'Modifier',
    received: 'Demande reçue',
    approved: 'Acceptée par la boutique',
    caseList: 'Vos demandes sur cette commande',
    tooSmall: 'Trop petit',
    defective: 'Défectueux ou abîmé',
  },
} as const;

export const CASE_ID = /C-[0-9A-HJKMNP-TV-Z]{8}/;

/** From the order page, the way in: the "Return items" link. */
export async function startReturn(page: Page, language: Language = 'en'): Promise<void> {
  await page.getByRole('link', { name: returnLabels[language].start }).click();
  await expect(page).toHaveURL('/order/return');
}

/** Picks a quantity and a reason for the `index`-th returnable line of the form. */
export async function chooseLine(page: Page, input: { index?: number; quantity: number; reason: string }, language: Language = 'en') {
  const text = returnLabels[language];
  await page.getByLabel(text.quantity).nth(input.index ?? 0).selectOption(String(input.quantity));
  await page.getByLabel(text.reason).nth(input.index ?? 0).selectOption({ label: input.reason });
}

export async function confirmConditions(page: Page, language: Language = 'en') {
  const boxes = page.getByRole('group', { name: returnLabels[language].conditions }).getByRole('checkbox');
  await expect(boxes).not.toHaveCount(0);
  for (const box of await boxes.all()) await box.check();
}

/** Step 1 → step 2. */
export async function goToReview(page: Page, language: Language = 'en') {
  await page.getByRole('button', { name: returnLabels[language].review }).click();
  await expect(page.getByRole('heading', { level: 1, name: returnLabels[language].reviewTitle })).toBeVisible();
}

/** Step 2 → the case page; returns the case id from its URL. */
export async function sendReturn(page: Page, language: Language = 'en'): Promise<string> {
  await page.getByRole('button', { name: returnLabels[language].send }).click();
  await page.waitForURL(/\/cases\/C-/);
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  expect(caseId).toMatch(CASE_ID);
  return caseId;
}

/**
 * The case page shows the store's answer once the in-process worker has opened the Shopify
 * return; the page does not refresh itself, so it is reloaded until it does.
 */
export async function expectCaseState(page: Page, state: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 }).locator('xpath=following-sibling::p[1]')).toHaveText(state, { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
}

/** One return the emulator was asked to make (`GET /__sandbox/shopify/returns`). */
export type EmulatorReturn = {
  id: string;
  orderName: string;
  status: string;
  via: string;
  lines: Array<{ fulfillmentLineItemId: string; quantity: number; reason: string | null; customerNote: string | null; returnReasonNote: string | null }>;
};

export async function shopifyReturnsFor(request: APIRequestContext, orderName: string): Promise<EmulatorReturn[]> {
  const response = await request.get('/__sandbox/shopify/returns');
  expect(response.status(), 'GET /__sandbox/shopify/returns').toBe(200);
  const { returns } = (await response.json()) as { returns: EmulatorReturn[] };
  return returns.filter((found) => found.orderName === orderName);
}

/** Runs axe on what the page shows now and lists any WCAG 2.1 A/AA violation, element by element. */
export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.map((v) => ({ rule: v.id, help: v.help, elements: v.nodes.map((node) => node.target.join(' ')) }));
  expect(found).toEqual([]);
}
