import type { Page } from '@playwright/test';
import { expect, test } from './support/returns-server';
import { expectCaseState, sendReviewReturn } from './support/returns';

/*
 * An agent decides a return in Shopify's admin (the sandbox's /__sandbox/shopify/admin); Shopify's
 * webhook reaches the portal, which updates the case page and the Gorgias ticket. Runs on the
 * returns server; partially-fulfilled is returned by no other spec there (keep it so). A declined return gives
 * its unit back, so the same order is then returned again and approved.
 */
/** The card of a return request on the sandbox's Shopify admin page. */
const requestCard = (page: Page, returnName: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^${returnName} `) }) });

/** The case's ticket in the agent view, once its latest note says `text`. */
async function expectTicketNote(page: Page, caseId: string, orderName: string, text: string) {
  await expect(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    await page.getByRole('link', { name: `Return ${caseId} · order ${orderName}` }).click({ timeout: 1_000 });
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
}

test('declined in Shopify with a reason, then returned again and approved: the case page and the ticket follow', async ({ page, demoOrders }) => {
  const order = demoOrders.get('partially-fulfilled');
  const declined = await sendReviewReturn(page, order);

  await page.goto('/__sandbox/shopify/admin');
  const card = requestCard(page, `${order.name}-R1`);
  await card.getByLabel('Reason').selectOption({ label: 'Final sale' });
  await card.getByLabel('Note to the customer (optional)').fill('This smock was sold in the final sale, so it cannot come back.');
  await card.getByRole('button', { name: `Decline ${order.name}-R1` }).click();
  await expect(page.getByRole('status')).toHaveText('Return declined. Shopify sends returns/decline.');

  await page.goto(`/cases/${declined}`);
  await expectCaseState(page, 'Declined by the store');
  const decline = page.getByRole('region', { name: 'The store declined this return' });
  await expect(decline).toContainText('Reason: this item was a final sale');
  await expect(decline.getByRole('blockquote')).toHaveText('This smock was sold in the final sale, so it cannot come back.');
  await expect(page.getByRole('listitem').filter({ hasText: 'Declined by the store' })).not.toHaveCount(0);
  await expectTicketNote(page, declined, order.name, 'Declined in Shopify: the shopper sees the reason and note on the case page');
  await expect(page.getByText('declineReason: FINAL_SALE')).toBeVisible();

  // The declined unit is returnable again: the webhook dropped the cached returnable units.
  const approved = await sendReviewReturn(page, order);
  await page.goto('/__sandbox/shopify/admin');
  await requestCard(page, `${order.name}-R2`).getByRole('button', { name: `Approve ${order.name}-R2` }).click();
  await expect(page.getByRole('status')).toHaveText('Return approved. Shopify sends returns/approve.');

  await page.goto(`/cases/${approved}`);
  // Approved, then at once given its way back: the sandbox's `store` provider issues the address.
  await expectCaseState(page, 'Return label ready');
  await expect(page.getByText('Approved', { exact: true })).toBeVisible();
  await expectTicketNote(page, approved, order.name, 'Approved: the return is open on Shopify');
});
