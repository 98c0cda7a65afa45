import { expect, openOrder, test } from './support/fixtures';

test('"Look up another order" signs out, and the old session no longer opens the order', async ({ page, context, demoOrders }) => {
  await openOrder(page, demoOrders.get('out-for-delivery'));
  const session = (await context.cookies()).find((cookie) => cookie.name === 'comptoir_session');
  expect(session).toBeDefined();

  await page.getByRole('button', { name: 'Look up another order' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { name: 'Find your order' })).toBeVisible();
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('comptoir_session');

  await page.goto('/order');
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { name: 'Find your order' })).toBeVisible();

  // A copy of the cookie kept from before signing out is worthless too.
  await context.addCookies([session!]);
  await page.goto('/order');
  await expect(page).toHaveURL('/');
});

test('the order page without a session sends the shopper to the lookup form', async ({ page }) => {
  await page.goto('/order');
  await expect(page).toHaveURL('/');
  await expect(page.getByLabel('Order number')).toBeVisible();
});
