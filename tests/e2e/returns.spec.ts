import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { makeJpeg, SECRET_MARKER } from '../../app/photos/photo-fixtures.test-helpers';
import { openOrder, type DemoOrder, type Language } from './support/fixtures';
import { expect, test } from './support/returns-server';
import {
  CASE_ID,
  chooseLine,
  chooseReason,
  confirmConditions,
  continueTo,
  currentStep,
  expectCaseState,
  expectNoAxeViolations,
  goToReview,
  returnLabels,
  sendReturn,
  shopifyReturnsFor,
  startReturn,
} from './support/returns';

/*
 * The return wizard against the built app, on a server of this spec's own (see
 * support/returns-server.ts). Each test returns units of its own demo order, since a unit can be
 * returned once: delivered-recently #1 and #2, eur-france, multi-item-variants,
 * international-europe #2, gift-card, usd-united-states, two-parcels-delivered, cad-canada #1.
 * final-sale and delivered-long-ago are only looked at.
 */

const FRENCH = (amount: string) => new RegExp(`${amount.replace('.', ',')}\\s€`);

/** The whole wizard for one unit of the first line, ending on the case page. */
async function returnOneUnit(page: Page, order: DemoOrder, language: Language = 'en'): Promise<string> {
  await openOrder(page, order, language);
  await startReturn(page, language);
  await chooseLine(page, { quantity: 1, reason: returnLabels[language].tooSmall }, language);
  await confirmConditions(page, language);
  await goToReview(page, language);
  return sendReturn(page, language);
}

/** After the workers: approved and given its way back, exactly one Shopify return carrying the case id. */
async function expectOneApprovedReturn(page: Page, order: DemoOrder, caseId: string, language: Language = 'en') {
  await expectCaseState(page, returnLabels[language].labelReady);
  const returns = await shopifyReturnsFor(page.request, order.name);
  expect(returns).toHaveLength(1);
  expect(returns[0]!.status).toBe('OPEN');
  expect(returns[0]!.lines.map((line) => line.customerNote ?? line.returnReasonNote)).toEqual([expect.stringContaining(`[${caseId}]`)]);
}

async function expectCaseListed(page: Page, caseId: string, language: Language = 'en') {
  await page.goto('/order');
  const list = page.getByRole('region', { name: returnLabels[language].caseList });
  // Other specs on this server may have reported a problem on the same order: only its returns are counted here.
  const cases = list.getByRole('link', { name: language === 'en' ? /^Return C-/ : /^Retour C-/ });
  await expect(cases).toHaveText([language === 'en' ? `Return ${caseId}` : `Retour ${caseId}`]);
  await expect(cases).toHaveAttribute('href', `/cases/${caseId}`);
}

test('a return in English: one unit, too small; reviewed with fees and clauses; approved by the store', async ({ page, demoOrders }) => {
  const order = demoOrders.get('delivered-recently');
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Too small' });
  await confirmConditions(page);
  await goToReview(page);

  await expect(page.getByText('1 × Marinière Saint-Malo')).toBeVisible();
  await expect(page.locator('dl > div')).toHaveText([/^Value of the items\s*€45\.00$/, /^Fees\s*− €4\.90$/, /^Estimated refund\s*€40\.10$/]);
  await expect(page.getByRole('link', { name: 'Clause 5.1: Size and fit' })).toHaveAttribute('href', '/policy#clause-5.1');

  const caseId = await sendReturn(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Return ${caseId}`);
  await expect(page.getByText(`Keep this reference: ${caseId}.`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'What has happened' }).getByRole('listitem').first()).toContainText('Request received');

  await expectOneApprovedReturn(page, order, caseId);
  await expect(page.getByRole('region', { name: 'Items', exact: true })).toContainText('1 × Marinière Saint-Malo');
  await expectCaseListed(page, caseId);
});

test('a return in French: French labels and euros, approved by the store', async ({ page, demoOrders }) => {
  const order = demoOrders.get('eur-france');
  await openOrder(page, order, 'fr');
  await startReturn(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Retourner des articles de la commande ${order.name}`);
  await chooseLine(page, { quantity: 1, reason: 'Trop petit' }, 'fr');
  await confirmConditions(page, 'fr');
  await goToReview(page, 'fr');

  await expect(page.locator('dl > div')).toHaveText([
    new RegExp(`^Valeur des articles\\s*${FRENCH('120.00').source}$`),
    new RegExp(`^Frais\\s*− ${FRENCH('4.90').source}$`),
    new RegExp(`^Remboursement estimé\\s*${FRENCH('115.10').source}$`),
  ]);
  await expect(page.getByRole('link', { name: /^Article 5\.1 : Taille/ })).toHaveAttribute('href', '/policy#clause-5.1');

  const caseId = await sendReturn(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Retour ${caseId}`);
  await expect(page.getByRole('region', { name: 'Ce qui s’est passé' })).toContainText('Demande reçue');
  await expectOneApprovedReturn(page, order, caseId, 'fr');
  await expect(page.getByRole('region', { name: 'Articles', exact: true })).toContainText(FRENCH('115.10'));
  await expectCaseListed(page, caseId, 'fr');
});

test.describe('refusals explained', () => {
  test('a final-sale item is not offered, with clause 3.2 linked; the other item is', async ({ page, demoOrders }) => {
    await openOrder(page, demoOrders.get('final-sale'));
    await startReturn(page);
    const scarf = page.getByRole('listitem').filter({ hasText: 'Foulard en Soie' });
    await expect(scarf).toContainText('Cannot be returned');
    await expect(scarf.getByRole('link', { name: /^Clause 3\.2/ })).toHaveAttribute('href', '/policy#clause-3.2');
    // "Contact us" writes the message for the shopper: order, item, refusal and clause.
    const contact = decodeURIComponent((await scarf.getByRole('link', { name: 'Contact us' }).getAttribute('href')) ?? '');
    expect(contact).toMatch(/^mailto:[^?]+@[^?]+\?subject=/);
    expect(contact).toContain(demoOrders.get('final-sale').name);
    expect(contact).toContain('Foulard en Soie');
    expect(contact).toContain('Clause 3.2');
    // Only the top is offered, as a card to tick.
    await expect(page.getByRole('group', { name: returnLabels.en.itemsTitle }).getByRole('checkbox')).toHaveCount(1);
  });

  test('an order delivered 45 days ago shows the window arithmetic', async ({ page, demoOrders }) => {
    await openOrder(page, demoOrders.get('delivered-long-ago'));
    // Nothing can go back: no way into the form, and the order page itself says why.
    await expect(page.getByRole('link', { name: returnLabels.en.start })).toHaveCount(0);
    await expect(page.getByText(/^Delivered on .*; the 30-day return window closed on .*\./)).toBeVisible();
    await page.goto('/order/return');
    const refusal = page.getByText(/^Delivered on .*; the 30-day return window closed on .*\./);
    await expect(refusal).toBeVisible();
    const DATE = '([A-Z][a-z]+ \\d{1,2}, \\d{4})';
    const [, delivered, closed] = new RegExp(`Delivered on ${DATE}; the 30-day return window closed on ${DATE}\\.`).exec((await refusal.textContent())!)!;
    const day = (text: string) => Date.parse(`${text} 12:00 UTC`);
    // The seed delivered it 1080 hours before the server started; the last day is delivery + 30.
    const paris = (ms: number) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(ms);
    expect([paris(Date.now() - 1080 * 3_600_000), paris(Date.now() - 1085 * 3_600_000)]).toContain(delivered);
    expect((day(closed!) - day(delivered!)) / 86_400_000).toBe(30);
    await expect(page.getByRole('link', { name: /^Clause 2\.1/ })).toHaveAttribute('href', '/policy#clause-2.1');
    await expect(page.getByText('Nothing on this order can be returned online.')).toBeVisible();
  });
});

test('a faulty item asks for photos and no condition; a bad or too-large file costs only itself; photos shown to the end', async ({ page, demoOrders, playwright }, testInfo) => {
  const order = demoOrders.get('multi-item-variants');
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Faulty or damaged' });
  const reasons = page.getByRole('group', { name: returnLabels.en.reason });
  // The chosen reason says up front what it needs, and asks no condition.
  await expect(reasons.getByText('Add 2 to 5 photos showing the problem.')).toBeVisible();
  await expect(page.getByRole('group', { name: returnLabels.en.conditions })).toBeHidden();
  await page.getByLabel(returnLabels.en.note).fill('Seam torn at the collar');
  const photos = () => page.getByLabel(returnLabels.en.photos);
  const expectAnswersKept = async (photoCount: number) => {
    await expect(page).toHaveURL('/order/return?step=why');
    await expect(reasons.getByRole('radio', { name: 'Faulty or damaged' })).toBeChecked();
    await expect(page.getByLabel(returnLabels.en.note)).toHaveValue('Seam torn at the collar');
    await expect(page.getByRole('img', { name: /^Photo \d$/ })).toHaveCount(photoCount);
  };

  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await expect(page.getByText('Add at least 2 photos.')).toBeVisible();
  await expectAnswersKept(0);

  // One real photo and one text file: the photo is kept and shown, the file named.
  await photos().setInputFiles([
    { name: 'collar-1.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg(32, 24)) },
    { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo, just text\n') },
  ]);
  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await expect(page.getByText('This file is not a photo we can read: use JPEG, PNG or WebP.')).toBeVisible();
  await expectAnswersKept(1);
  await expect(page.getByText('1 photo already added.')).toBeVisible();

  // A photo over 10 MB: named, and nothing else lost.
  await photos().setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 0xff) });
  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await expect(page.getByText('This photo is larger than 10 MB.')).toBeVisible();
  await expectAnswersKept(1);

  const second = testInfo.outputPath('collar-2.jpg');
  await writeFile(second, makeJpeg(34, 24));
  await photos().setInputFiles(second);
  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await expect(page).toHaveURL('/order/return?step=refund');
  await goToReview(page);
  await expect(page.getByText('1 × Marinière Saint-Malo')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your photos' }).getByRole('img')).toHaveCount(2);
  // Back to the reasons through the edit link: the photos are still there, without choosing them again.
  await page.getByRole('link', { name: 'Change: Reasons' }).click();
  await expect(page.getByText('2 photos already added.')).toBeVisible();
  await expectAnswersKept(2);
  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await goToReview(page);

  const caseId = await sendReturn(page);
  await expectOneApprovedReturn(page, order, caseId);
  expect((await shopifyReturnsFor(page.request, order.name))[0]!.lines[0]!.reason).toBe('defective');

  // The case page shows both photos to this session, without the planted location; nobody else can fetch them.
  const pictures = page.getByRole('img', { name: /^Photo \d$/ });
  await expect(pictures).toHaveCount(2);
  const src = (await pictures.first().getAttribute('src'))!;
  const own = await page.request.get(src);
  expect(own.status()).toBe(200);
  expect(own.headers()['content-type']).toBe('image/jpeg');
  expect((await own.body()).includes(Buffer.from(SECRET_MARKER))).toBe(false);
  const stranger = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  expect((await stranger.get(src)).status()).toBe(404);
  await stranger.dispose();
});

test('the steps: a progress indicator marks where the shopper is; a later step does not open early; Remove takes a photo away', async ({ page, demoOrders }, testInfo) => {
  // Nothing is sent: the top of the final-sale order is only looked at.
  await openOrder(page, demoOrders.get('final-sale'));
  await startReturn(page);
  await expect(currentStep(page)).toHaveText(/Items$/);
  // The review cannot be reached before its time: the flow sends the shopper to the first step to do.
  await page.goto('/order/return?step=review');
  await expect(page).toHaveURL('/order/return?step=items');
  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await expect(page.getByRole('alert')).toHaveText('Choose at least one item to return.');
  await chooseLine(page, { quantity: 1, reason: 'Wrong item received' });
  await expect(currentStep(page)).toHaveText(/Reasons$/);
  await expect(page.getByRole('navigation', { name: returnLabels.en.steps }).getByRole('link', { name: /Items$/ })).toHaveAttribute('href', '/order/return?step=items');
  const file = testInfo.outputPath('wrong.jpg');
  await writeFile(file, makeJpeg(30, 20));
  await page.getByLabel(returnLabels.en.photos).setInputFiles(file);
  await confirmConditions(page);
  await expect(currentStep(page)).toHaveText(/Refund or exchange$/);
  await page.getByRole('link', { name: /Reasons$/ }).click();
  await page.getByRole('button', { name: 'Remove photo 1' }).click();
  await expect(page).toHaveURL('/order/return?step=why');
  await expect(page.getByRole('img', { name: /^Photo \d$/ })).toHaveCount(0);
  await page.getByRole('button', { name: returnLabels.en.continue }).click();
  await expect(page.getByText('Add at least 1 photo.')).toBeVisible();
});

/** The review step's form as the browser would post it with "Send", for posting again. */
async function captureSend(page: Page) {
  const send = page.getByRole('button', { name: returnLabels.en.send });
  const fields = await page.locator('form').filter({ has: send }).evaluate((form: HTMLFormElement) =>
    [...new FormData(form).entries()].map(([name, value]) => [name, String(value)] as [string, string]));
  return async () => {
    const body = new FormData();
    for (const [name, value] of [...fields, ['intent', 'submit'] as const]) body.append(name, value);
    // The form's own token is among its fields; a browser would add the page's origin.
    const response = await page.request.post('/order/return?step=review', { multipart: body, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
    return { status: response.status(), location: response.headers()['location'] };
  };
}

async function reviewOneUnit(page: Page, order: DemoOrder) {
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Too small' });
  await confirmConditions(page);
  await goToReview(page);
}

test('sending the same review twice at once opens one case and one Shopify return', async ({ page, demoOrders }) => {
  const order = demoOrders.get('international-europe', 1);
  await reviewOneUnit(page, order);
  const send = await captureSend(page);
  const answers = await Promise.all([send(), send()]);

  expect(answers.map((answer) => answer.status)).toEqual([303, 303]);
  const caseUrl = answers[0]!.location!;
  expect(caseUrl).toMatch(new RegExp(`^/cases/${CASE_ID.source}$`));
  expect(answers[1]!.location).toBe(caseUrl);

  await page.goto(caseUrl);
  await expectOneApprovedReturn(page, order, caseUrl.split('/').pop()!);
  await expectCaseListed(page, caseUrl.split('/').pop()!);
});

test('sending a review again, refreshing or going Back after it went through all land on the same case', async ({ page, demoOrders }) => {
  const order = demoOrders.get('gift-card');
  await reviewOneUnit(page, order);
  const send = await captureSend(page);
  const caseId = await sendReturn(page);
  // A double click, or a retry after a lost answer: the same draft, the same case.
  expect(await send()).toEqual({ status: 303, location: `/cases/${caseId}` });
  // Refresh, then Back to the review: the case again, no "resend the form?" and no second case.
  await page.reload();
  await expect(page).toHaveURL(`/cases/${caseId}`);
  await page.goBack();
  await expect(page).toHaveURL(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Return ${caseId}`);
  await expectCaseListed(page, caseId);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a full return works', async ({ page, demoOrders }) => {
    const order = demoOrders.get('usd-united-states');
    const caseId = await returnOneUnit(page, order);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Return ${caseId}`);
    await expectOneApprovedReturn(page, order, caseId);
    await expectCaseListed(page, caseId);
  });
});

for (const [language, scenario, index] of [['en', 'two-parcels-delivered', 0], ['fr', 'cad-canada', 1]] as const) {
  test(`axe finds nothing on any step of the flow, errors shown (${language})`, async ({ page, demoOrders }) => {
    const text = returnLabels[language];
    await openOrder(page, demoOrders.get(scenario, index), language);
    await startReturn(page, language);
    await expectNoAxeViolations(page);
    // Nothing chosen: the step comes back with its error.
    await page.getByRole('button', { name: text.continue }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('group', { name: text.itemsTitle }).getByRole('checkbox').first().check();
    await continueTo(page, 'why', language);
    await expectNoAxeViolations(page);
    // No reason: the reasons come back marked.
    await page.getByRole('button', { name: text.continue }).click();
    await expect(page.getByRole('group', { name: text.reason }).getByRole('radio').first()).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    await chooseReason(page, text.tooSmall, 0, language);
    await confirmConditions(page, language);
    await expectNoAxeViolations(page);
    await goToReview(page, language);
    await expectNoAxeViolations(page);
    await sendReturn(page, language);
    await expectNoAxeViolations(page);
  });
}

test("another order's case id is a 404, like an unknown one", async ({ page, demoOrders }) => {
  const caseId = await returnOneUnit(page, demoOrders.get('delivered-recently', 1));
  await openOrder(page, demoOrders.get('final-sale'));
  for (const id of [caseId, 'C-00000000']) {
    const response = await page.goto(`/cases/${id}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByText(id)).toHaveCount(0);
  }
});
