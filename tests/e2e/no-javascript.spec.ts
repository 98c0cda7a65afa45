import { makeJpeg } from '../../app/photos/photo-fixtures.test-helpers';
import { expect, openOrder, submitLookup, test, unknownOrderNumber } from './support/fixtures';
import { chooseLine, confirmConditions, currentStep, goToReview, returnLabels, startReturn } from './support/returns';

test.use({ javaScriptEnabled: false });

test('with JavaScript off, a failed lookup explains itself', async ({ page }) => {
  await page.goto('/');
  const response = await submitLookup(page, { orderNumber: unknownOrderNumber('NOJS'), email: 'nobody@example.com' });
  expect(response.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText("We couldn't find an order");
});

test('with JavaScript off, the lookup opens the order page and its tracking history', async ({ page, demoOrders }) => {
  await openOrder(page, demoOrders.get('in-transit'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^On its way/);
  const parcel = page.getByRole('region', { name: 'Parcel 1' });
  await expect(parcel.getByRole('heading', { name: 'Latest update' })).toBeVisible();
  await parcel.getByText('Full tracking history').click();
  await expect(parcel.getByRole('group').getByRole('listitem').first()).toBeVisible();
  await page.getByRole('button', { name: 'Look up another order' }).click();
  await expect(page).toHaveURL('/');
});

for (const language of ['en', 'fr'] as const) {
  test(`with JavaScript off, the return's steps work and a failing field keeps every other answer (${language})`, async ({ page, demoOrders }) => {
    const text = returnLabels[language];
    // Nothing is sent: the top of this order is only looked at on this server.
    await openOrder(page, demoOrders.get('final-sale'), language);
    await startReturn(page, language);
    await chooseLine(page, { quantity: 1, reason: text.defective }, language);
    await page.getByLabel(text.note).fill('Couture / seam');
    await page.getByLabel(text.photos).setInputFiles([
      { name: 'ok.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg(24, 20)) },
      { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 0xff) },
    ]);
    await page.getByRole('button', { name: text.continue }).click();
    await expect(page).toHaveURL('/order/return?step=why');
    await expect(page.getByText(language === 'en' ? 'This photo is larger than 10 MB.' : 'Cette photo dépasse 10 Mo.')).toBeVisible();
    await expect(page.getByRole('radio', { name: text.defective, exact: true })).toBeChecked();
    await expect(page.getByLabel(text.note)).toHaveValue('Couture / seam');
    await expect(page.getByRole('img', { name: /^Photo 1$/ })).toBeVisible();
    await page.getByLabel(text.photos).setInputFiles({ name: 'ok2.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg(26, 20)) });
    await confirmConditions(page, language);
    await expect(currentStep(page, language)).toHaveText(new RegExp(`${language === 'en' ? 'Refund or exchange' : 'Remboursement ou échange'}$`));
    await goToReview(page, language);
    await expect(page.getByRole('button', { name: text.send })).toBeVisible();
    // Refresh shows the same page from the draft, no "resubmit the form?" question.
    await page.reload();
    await expect(page).toHaveURL('/order/return?step=review');
  });
}
