import { openOrder } from './support/fixtures';
import { expect, test } from './support/returns-server';
import { chooseLine, confirmConditions, goToReview, returnLabels, sendReturn, startReturn } from './support/returns';

/*
 * After a return in the sandbox, the mounted Gorgias emulator holds the case's one ticket.
 * Runs on the returns server (a return uses up units); partially-refunded is returned by no other spec there.
 */
test.describe.configure({ timeout: 60_000 });

test('a return opens one Gorgias ticket, shown in the sandbox agent view', async ({ page, demoOrders }) => {
  const order = demoOrders.get('partially-refunded');
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: returnLabels.en.tooSmall });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);

  await expect.poll(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    return page.getByRole('link', { name: `Return ${caseId} · order ${order.name}` }).count();
  }, { timeout: 30_000 }).toBe(1);
  await page.getByRole('link', { name: `Return ${caseId} · order ${order.name}` }).click();
  await expect(page.getByText(`external id ${caseId}:event:`).first()).toBeVisible();
});
