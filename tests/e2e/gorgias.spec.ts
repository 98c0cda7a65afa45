import { makeJpeg } from '../../app/photos/photo-fixtures.test-helpers';
import { openOrder } from './support/fixtures';
import { expect, test } from './support/returns-server';
import { chooseLine, confirmConditions, goToReview, returnLabels, sendReturn, startReturn } from './support/returns';

/*
 * After a return in the sandbox, the mounted Gorgias emulator holds the case's one ticket.
 * Runs on the returns server (a return uses up units); partially-refunded is returned by no other spec there.
 */

test('a return opens one Gorgias ticket, shown in the sandbox agent view with its photo; the next event lands on it', async ({ page, demoOrders }) => {
  const order = demoOrders.get('partially-refunded');
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: returnLabels.en.tooSmall });
  await page.getByLabel(returnLabels.en.photos).first().setInputFiles({ name: 'seam.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeJpeg()) });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);

  await expect.poll(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    return page.getByRole('link', { name: `Return ${caseId} · order ${order.name}` }).count();
  }, { timeout: 30_000 }).toBe(1);
  await page.getByRole('link', { name: `Return ${caseId} · order ${order.name}` }).click();
  const ticketUrl = page.url();
  await expect(page.getByRole('heading', { name: 'Attachments' })).toBeVisible();
  await expect(page.getByRole('link', { name: `${caseId}-1-1.jpeg` })).toBeVisible();
  await expect(page.locator('xpath=//dt[.="Comptoir case"]/following-sibling::dd[1]')).toHaveText(caseId);

  // The worker's next events (opened on Shopify, submitted, approved) are a note on the same ticket:
  // one note for events that happen together, its external id listing them (`:events:3+4+5`).
  await expect.poll(async () => {
    await page.goto(ticketUrl);
    return page.getByText(new RegExp(`external id ${caseId}:events?:`)).count();
  }, { timeout: 30_000 }).toBeGreaterThan(1);
  await expect(page.getByText('Approved: the return is open on Shopify')).toBeVisible();
  await page.goto('/__sandbox/gorgias/tickets');
  await expect(page.getByRole('link', { name: new RegExp(caseId) })).toHaveCount(1);
});
