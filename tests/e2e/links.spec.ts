import { expect, test } from './support/fixtures';

/** The sandbox's API key (env.server.ts); a live store sets COMPTOIR_API_KEY. */
const KEY = 'sandbox-api-key-not-for-production';
const auth = { Authorization: `Bearer ${KEY}` };

test('a link minted for a ticket opens the portal on that order, in the agent\'s chosen language', async ({ page, request, demoOrders }) => {
  const order = demoOrders.get('in-transit');
  const minted = await request.post('/api/links', { headers: auth, data: { orderNumber: order.name, email: order.email.toUpperCase(), ticketId: 4242, language: 'fr' } });
  expect(minted.status()).toBe(200);
  const { url, expiresAt } = (await minted.json()) as { url: string; expiresAt: string };
  expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
  // Nothing personal travels in the link, not even base64-encoded: the token is sealed.
  expect(url).not.toContain(order.email.split('@')[0]!);
  const token = new URL(url).pathname.replace(/^\/l\//, '');
  expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain(order.name);
  expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('Order/');

  await page.goto(url);
  await expect(page).toHaveURL(/\/order(\?lng=fr)?$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByText(`Commande ${order.name}`, { exact: true })).toBeVisible();
});

test('minting refuses a wrong key, a wrong email and a malformed request; a tampered link leads to the lookup form', async ({ page, request, demoOrders }) => {
  const order = demoOrders.get('in-transit');
  const body = { orderNumber: order.name, email: order.email };
  expect((await request.post('/api/links', { data: body })).status()).toBe(401);
  expect((await request.post('/api/links', { headers: { Authorization: 'Bearer wrong-key-of-the-same-length-xxx' }, data: body })).status()).toBe(401);
  expect((await request.post('/api/links', { headers: auth, data: { ...body, email: 'someone.else@example.com' } })).status()).toBe(404);
  expect((await request.post('/api/links', { headers: auth, data: { email: order.email } })).status()).toBe(400);

  const { url } = (await (await request.post('/api/links', { headers: auth, data: body })).json()) as { url: string };
  // Change a character in the middle: the last one of a base64url token may carry only padding
  // bits, and changing those leaves the same bytes (a valid link) about one time in three.
  const at = url.indexOf('/l/') + 3 + 10;
  const tampered = `${url.slice(0, at)}${url[at] === 'A' ? 'B' : 'A'}${url.slice(at + 1)}`;
  await page.goto(tampered);
  await expect(page).toHaveURL('/?link=expired');
  await expect(page.getByRole('status')).toContainText('This link has expired');
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('comptoir_session');
});
