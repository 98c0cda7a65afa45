import { expect, openOrder, submitLookup, test, unknownOrderNumber } from './support/fixtures';

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
