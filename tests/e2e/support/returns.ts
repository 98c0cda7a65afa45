import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { openOrder, type DemoOrder, type Language } from './fixtures';

/** The return flow's words, as the shopper reads them (locales/<lng>/returns.json, policy file). */
export const returnLabels = {
  en: {
    start: 'Return items',
    steps: 'Steps of your return',
    itemsTitle: 'Which items are you returning?',
    quantity: 'How many to return',
    reason: 'Why are you returning it?',
    photos: /^Add (a photo|photos)/,
    note: 'Anything to add? (optional)',
    conditions: 'I confirm that this item is:',
    continue: 'Continue',
    refundTitle: 'How would you like to be refunded?',
    reviewTitle: 'Check your return',
    send: 'Send my return request',
    received: 'Request received',
    approved: 'Approved by the store',
    /** Where an approved return stands once the sandbox's `store` provider gave its way back. */
    labelReady: 'Return label ready',
    caseList: 'Your requests on this order',
    tooSmall: 'Too small',
    defective: 'Faulty or damaged',
  },
  fr: {
    start: 'Retourner des articles',
    steps: 'Étapes de votre retour',
    itemsTitle: 'Quels articles retournez-vous ?',
    quantity: 'Combien en retourner',
    reason: 'Pourquoi le retournez-vous ?',
    photos: /^Ajouter (une photo|des photos)/,
    note: 'Quelque chose à ajouter ? (facultatif)',
    conditions: 'Je confirme que cet article est :',
    continue: 'Continuer',
    refundTitle: 'Comment souhaitez-vous être remboursé ?',
    reviewTitle: 'Vérifiez votre retour',
    send: 'Envoyer ma demande de retour',
    received: 'Demande reçue',
    approved: 'Acceptée par la boutique',
    labelReady: 'Étiquette de retour prête',
    caseList: 'Vos demandes sur cette commande',
    tooSmall: 'Trop petit',
    defective: 'Défectueux ou abîmé',
  },
} as const;

export const CASE_ID = /C-[0-9A-HJKMNP-TV-Z]{8}/;

/** From the order page, the way in: the "Return items" link, which lands on the first step. */
export async function startReturn(page: Page, language: Language = 'en'): Promise<void> {
  await page.getByRole('link', { name: returnLabels[language].start }).click();
  // A fresh start lands on the first step's address; a draft being written is shown where it is.
  await expect(page).toHaveURL(/\/order\/return(\?step=items)?$/);
}

/** The step the progress indicator marks as the current one. */
export const currentStep = (page: Page, language: Language = 'en') =>
  page.getByRole('navigation', { name: returnLabels[language].steps }).locator('[aria-current="step"]');

export async function continueTo(page: Page, step: 'items' | 'why' | 'refund' | 'review', language: Language = 'en') {
  await page.getByRole('button', { name: returnLabels[language].continue }).click();
  await expect(page).toHaveURL(`/order/return?step=${step}`);
}

/**
 * Items step: chooses the `index`-th returnable item (its card's checkbox) and how many; then on
 * to the reasons, where it picks `reason` for it (the first chosen item unless `whyIndex`).
 */
export async function chooseLine(page: Page, input: { index?: number; quantity: number; reason: string; whyIndex?: number }, language: Language = 'en') {
  const text = returnLabels[language];
  const card = page.getByRole('group', { name: text.itemsTitle }).getByRole('listitem').nth(input.index ?? 0);
  await card.getByRole('checkbox').check();
  // Only an item with several units asks how many (once its card is ticked).
  if (input.quantity > 1) await card.getByLabel(text.quantity).selectOption(String(input.quantity));
  await continueTo(page, 'why', language);
  await chooseReason(page, input.reason, input.whyIndex ?? 0, language);
}

/** Why step: the reason for the `index`-th chosen item. */
export async function chooseReason(page: Page, reason: string, index = 0, language: Language = 'en') {
  await page.getByRole('group', { name: returnLabels[language].reason }).nth(index).getByRole('radio', { name: reason, exact: true }).check();
}

/** Why step: ticks every condition the chosen reasons ask for (the others are hidden), then on to the refund step. */
export async function confirmConditions(page: Page, language: Language = 'en') {
  for (const group of await page.getByRole('group', { name: returnLabels[language].conditions }).all()) {
    if (!(await group.isVisible())) continue;
    for (const box of await group.getByRole('checkbox').all()) await box.check();
  }
  await continueTo(page, 'refund', language);
}

/** Refund step → review, with the method already chosen (the first the policy offers). */
export async function goToReview(page: Page, language: Language = 'en') {
  await continueTo(page, 'review', language);
  await expect(page.getByRole('heading', { name: returnLabels[language].reviewTitle })).toBeVisible();
}

/** Review → the case page; returns the case id from its URL. */
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
  /** The new items of an exchange, reserved by the return. */
  exchangeLines: Array<{ variantId: string; sku: string; quantity: number; processedQuantity: number }>;
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

/** A return the policy leaves to an agent ("Another reason"), sent from the order page: its case id. */
export async function sendReviewReturn(page: Page, order: DemoOrder): Promise<string> {
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Another reason' });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);
  await expectCaseState(page, 'Being checked by our team');
  return caseId;
}
