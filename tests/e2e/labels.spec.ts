import type { APIRequestContext, Page } from '@playwright/test';
import { makeJpeg } from '../../app/photos/photo-fixtures.test-helpers';
import { expect, openOrder, test, type DemoOrder } from './support/fixtures';
import { chooseLine, confirmConditions, expectNoAxeViolations, goToReview, returnLabels, sendReturn, startReturn } from './support/returns';

/*
 * A return's way back, through each label provider of the sandbox's policy: "Faulty or damaged"
 * gets a prepaid label from Loop Returns, "Wrong item received" one from AfterShip Returns, and
 * "Too small" goes back with the shopper's own carrier (the store's own flow). The emulators'
 * sandbox pages move each parcel along; their signed webhooks carry it to the case page.
 */

const auth = { Authorization: 'Bearer sandbox-api-key-not-for-production' };
const shipping = (page: Page, title: string | RegExp) => page.getByRole('region', { name: title });

/** The case page, reloaded until its "send it back" part has this title (workers and webhooks run in the background). */
async function waitForShipping(page: Page, casePath: string, title: string) {
  await expect(async () => {
    await page.goto(casePath);
    await expect(shipping(page, title)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
}

async function sendWithPhotos(page: Page, order: DemoOrder, reason: string, photos: number): Promise<string> {
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason });
  await page.getByLabel(returnLabels.en.photos).first().setInputFiles(
    Array.from({ length: photos }, (_, n) => ({ name: `photo-${n + 1}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg(40 + n, 30)) })),
  );
  await confirmConditions(page);
  await goToReview(page);
  return sendReturn(page);
}

/** The label opens as a PDF, and the drop-off QR code is a real image served by the portal. */
async function expectPrintableLabel(page: Page) {
  const region = shipping(page, 'How to send the items back');
  const href = await region.getByRole('link', { name: /Download the return label \(PDF\)/ }).getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const qr = region.getByRole('img', { name: 'QR code of your return label' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

/** Clicks a step's button on an emulator's sandbox page, in the row of this order. */
async function advance(page: Page, controls: string, order: DemoOrder, button: string | RegExp) {
  await page.goto(controls);
  await page.getByRole('row').filter({ hasText: order.name }).getByRole('button', { name: button }).first().click();
  await page.waitForLoadState();
}

async function expectStepsDone(page: Page, steps: string[]) {
  const progress = page.getByRole('list').filter({ hasText: 'Return label created' });
  for (const step of steps) await expect(progress.getByText(`${step} · done`)).toBeAttached();
}

/** The agent's view of the case, through the sidebar's sealed link: the parcel section. */
async function expectAgentParcel(page: Page, request: APIRequestContext, order: DemoOrder, caseId: string, text: RegExp) {
  const reply = await request.get(`/api/gorgias/customer?email=${encodeURIComponent(order.email)}`, { headers: auth });
  const { cases } = (await reply.json()) as { cases: { id: string; agentUrl: string; returnParcel: { stage: string; lastStep: string | null } | null }[] };
  const found = cases.find((c) => c.id === caseId)!;
  expect(found.returnParcel).toMatchObject({ stage: 'done', lastStep: 'refunded' });
  await page.goto(found.agentUrl);
  // The agent page speaks the language this browser last chose (French, after the AfterShip case).
  await expect(page.getByRole('region', { name: /^(Return parcel|Colis retour)$/ })).toContainText(text);
}

test('Loop Returns: a faulty item gets a prepaid label, followed from the carrier’s scan to the refund', async ({ page, request, demoOrders }) => {
  const order = demoOrders.get('delivered-recently', 2);
  const caseId = await sendWithPhotos(page, order, 'Faulty or damaged', 2);
  const casePath = `/cases/${caseId}`;
  await waitForShipping(page, casePath, 'How to send the items back');
  await expectPrintableLabel(page);
  await expect(shipping(page, 'How to send the items back')).toContainText(/Post your parcel by/);
  await expectNoAxeViolations(page);

  await advance(page, '/__sandbox/loop', order, 'Carrier scans the parcel');
  await waitForShipping(page, casePath, 'Your parcel is on its way back');
  await advance(page, '/__sandbox/loop', order, 'Delivered to the store');
  await advance(page, '/__sandbox/loop', order, 'Store receives it (close)');
  await advance(page, '/__sandbox/loop', order, 'Refund');
  await waitForShipping(page, casePath, 'Your return is complete');
  await expectStepsDone(page, ['Return label created', 'On its way', 'Delivered to the store', 'Received and checked', 'Refunded']);
  await expect(page.getByRole('region', { name: 'What has happened' })).toContainText('Parcel delivered to the store');
  await expectNoAxeViolations(page);
  await expectAgentParcel(page, request, order, caseId, /Loop Returns/);
});

test('AfterShip Returns: a wrong item gets a prepaid label, followed to the refund, in French', async ({ page, request, demoOrders }) => {
  const order = demoOrders.get('delivered-recently', 3);
  const caseId = await sendWithPhotos(page, order, 'Wrong item received', 1);
  const casePath = `/cases/${caseId}`;
  await waitForShipping(page, casePath, 'How to send the items back');
  await expectPrintableLabel(page);

  await advance(page, '/__sandbox/aftership', order, /^Scan: in transit/);
  await advance(page, '/__sandbox/aftership', order, /^Scan: delivered to store/);
  await advance(page, '/__sandbox/aftership', order, /^Receive items/);
  await advance(page, '/__sandbox/aftership', order, /^Refund/);
  await waitForShipping(page, casePath, 'Your return is complete');
  await expectStepsDone(page, ['Return label created', 'Delivered to the store', 'Received and checked', 'Refunded']);

  await page.goto(`${casePath}?lng=fr`);
  await expect(shipping(page, 'Votre retour est terminé')).toBeVisible();
  await expect(shipping(page, 'Votre retour est terminé')).toContainText('Remboursé');
  await expectNoAxeViolations(page);
  await expectAgentParcel(page, request, order, caseId, /AfterShip Returns/);
});

test('the store’s own flow: the shopper posts it with their carrier and types its tracking number, checked', async ({ page, demoOrders }) => {
  const order = demoOrders.get('delivered-recently', 4);
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Too small' });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);
  const casePath = `/cases/${caseId}`;
  await waitForShipping(page, casePath, 'How to send the items back');
  const region = shipping(page, 'How to send the items back');
  await expect(region.locator('address')).toContainText('France');
  await expect(region.getByRole('link', { name: /PDF/ })).toHaveCount(0);

  // A number too short and no carrier: both said, in place, and nothing recorded.
  const form = page.locator('form#tracking');
  await form.getByLabel('Tracking number').fill('12');
  await form.getByRole('button', { name: 'Save the tracking number' }).click();
  await expect(page.getByText('Choose the carrier you posted the parcel with.')).toBeVisible();
  await expect(page.getByText(/Type the tracking number as printed on your receipt/)).toBeVisible();
  await expectNoAxeViolations(page);

  await form.getByLabel('Carrier').selectOption('colissimo');
  await form.getByLabel('Tracking number').fill('6a 0012 3456 78');
  await form.getByRole('button', { name: 'Save the tracking number' }).click();
  await expect(shipping(page, 'Your parcel is on its way back')).toContainText('Colissimo');
  await expect(shipping(page, 'Your parcel is on its way back').getByRole('link', { name: /6A0012345678/ })).toHaveAttribute('href', /laposte\.fr.*6A0012345678/);
  await expect(form).toHaveCount(0);
});

test('a keep-the-item case: worth less than the way back, so no label, no address, no tracking form, in both languages', async ({ page, demoOrders }) => {
  // #1037: a bandana worth €12, under the demo policy's €15 keep-the-item line.
  const order = demoOrders.get('delivered-recently', 5);
  expect(order.name).toBe('#1037');
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Too small' });
  await confirmConditions(page);
  await goToReview(page);
  await expect(page.getByText('No need to send anything back: you can keep the items.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Clause 7.2: Keep the item' })).toBeVisible();
  const caseId = await sendReturn(page);
  const casePath = `/cases/${caseId}`;
  await waitForShipping(page, casePath, 'Keep the items');
  const region = shipping(page, 'Keep the items');
  await expect(region).toContainText('The store does not need these items back: keep them.');
  await expect(region.getByRole('link', { name: /PDF/ })).toHaveCount(0);
  await expect(region.getByRole('img')).toHaveCount(0);
  await expect(region.locator('address')).toHaveCount(0);
  await expect(page.locator('form#tracking')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto(`${casePath}?lng=fr`);
  await expect(shipping(page, 'Gardez les articles')).toContainText('gardez-les');
  await expectNoAxeViolations(page);
});

test('a webhook with a bad signature is refused and changes nothing', async ({ request }) => {
  const body = JSON.stringify({ topic: 'label', trigger: 'label.updated', return_id: '1', label_status: 'delivered' });
  const refused = await request.post('/webhooks/loop', { data: body, headers: { 'Content-Type': 'application/json', 'X-Loop-Signature': 'bm90IGEgc2lnbmF0dXJl' } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: 'unsigned' });
  const unsigned = await request.post('/webhooks/aftership', { data: body, headers: { 'Content-Type': 'application/json' } });
  expect(unsigned.status()).toBe(401);
});
