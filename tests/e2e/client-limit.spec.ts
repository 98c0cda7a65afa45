import { expect, submitLookup, test, unknownOrderNumber } from './support/fixtures';
import { ISOLATED_CLIENT_MAX } from './support/servers';

// Runs against the isolated server after the "upstream" project: once locked, this client stays so.
test('a client that keeps failing is locked out of every order number', async ({ page, demoOrders }) => {
  const order = demoOrders.get('unfulfilled');
  await page.goto('/');
  for (let i = 1; i <= ISOLATED_CLIENT_MAX; i++) {
    const response = await submitLookup(page, { orderNumber: unknownOrderNumber(`CLIENT-${i}`), email: order.email });
    expect(response.status(), `failure ${i}`).toBe(400);
  }
  // Each order number failed once only; the cap is this client's, and holds for a real order too.
  const locked = await submitLookup(page, { orderNumber: order.name, email: order.email });
  expect(locked.status()).toBe(429);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Too many attempts');
  await expect(page).not.toHaveURL(/\/order/);
});
