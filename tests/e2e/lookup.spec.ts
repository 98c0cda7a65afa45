import { expect, lockOut, postLookup, submitLookup, test, unknownOrderNumber } from './support/fixtures';
import { ORDER_MAX } from './support/servers';

const NOT_FOUND = "We couldn't find an order with these details. Check the order number and the email address, then try again.";

test.describe('looking an order up', () => {
  const variants = [
    { typed: 'with "#", stray spaces and an upper-case email', orderNumber: (n: string) => `  # ${n} `, email: (e: string) => `  ${e.toUpperCase()} ` },
    { typed: 'without "#" and a mixed-case email', orderNumber: (n: string) => n, email: (e: string) => e.charAt(0).toUpperCase() + e.slice(1) },
  ];
  for (const variant of variants) {
    test(`finds the order typed ${variant.typed}`, async ({ page, demoOrders }) => {
      const order = demoOrders.get('partially-fulfilled');
      const digits = order.name.replace('#', '');
      await page.goto('/');
      const response = await submitLookup(page, { orderNumber: variant.orderNumber(digits), email: variant.email(order.email) });
      expect(response.status()).toBe(302);
      await expect(page).toHaveURL('/order');
      await expect(page.getByText(`Order ${order.name}`, { exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^On its way/);
    });
  }
});

test.describe('a failed lookup', () => {
  test('a wrong email and an unknown order number look the same', async ({ page, demoOrders }) => {
    const order = demoOrders.get('delivery-attempted');
    const attempts = [
      { orderNumber: order.name, email: 'someone.else@example.com' },
      { orderNumber: unknownOrderNumber('NONE'), email: order.email },
    ];
    const seen = [];
    for (const attempt of attempts) {
      await page.goto('/');
      const response = await submitLookup(page, attempt);
      await expect(page.getByRole('alert')).toHaveText(NOT_FOUND);
      // What was typed stays in the form, to be corrected.
      await expect(page.getByLabel('Order number')).toHaveValue(attempt.orderNumber);
      await expect(page.getByLabel('Email address')).toHaveValue(attempt.email);
      seen.push({ status: response.status(), text: await page.locator('body').innerText() });
    }
    expect(seen[0]!.status).toBe(400);
    expect(seen[1]).toEqual(seen[0]);
  });

  test('the raw responses differ only by the echoed order number', async ({ request, demoOrders }) => {
    const order = demoOrders.get('delivery-attempted');
    const email = 'someone.else@example.com';
    const unknown = unknownOrderNumber('NONE');
    const wrongEmail = await postLookup(request, { orderNumber: order.name, email });
    const noSuchOrder = await postLookup(request, { orderNumber: unknown, email });
    expect(noSuchOrder.status()).toBe(wrongEmail.status());
    const headerNames = (r: typeof wrongEmail) => Object.keys(r.headers()).sort();
    expect(headerNames(noSuchOrder)).toEqual(headerNames(wrongEmail));
    const normalise = async (r: typeof wrongEmail, typed: string) =>
      (await r.text()).replaceAll(typed, '<typed>').replace(/nonce="[^"]*"/g, 'nonce=""');
    expect(await normalise(noSuchOrder, unknown)).toBe(await normalise(wrongEmail, order.name));
  });

  test(`after ${ORDER_MAX} failures the order number is locked, even for its owner, without telling whether it exists`, async ({ page, request, demoOrders }) => {
    const order = demoOrders.get('delivered-long-ago');
    await page.goto('/');
    for (let i = 1; i <= ORDER_MAX; i++) {
      const response = await submitLookup(page, { orderNumber: order.name, email: `guess-${i}@example.com` });
      expect(response.status(), `failure ${i}`).toBe(400);
      await expect(page.getByRole('alert')).toHaveText(NOT_FOUND);
    }
    const locked = await submitLookup(page, { orderNumber: order.name, email: order.email });
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Too many attempts');
    await expect(page.getByText(/try again in about \d+ minutes/)).toBeVisible();
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'comptoir_session' }));
    const lockedText = await page.locator('body').innerText();

    // An order number that does not exist, locked the same way, gets the same page.
    const unknown = unknownOrderNumber('LOCKED');
    await lockOut(request, unknown);
    await page.goto('/');
    const other = await submitLookup(page, { orderNumber: unknown, email: order.email });
    expect(other.status()).toBe(429);
    const withoutNumbers = (text: string) => text.replace(/\d+/g, 'N');
    expect(withoutNumbers(await page.locator('body').innerText())).toBe(withoutNumbers(lockedText));
  });
});
