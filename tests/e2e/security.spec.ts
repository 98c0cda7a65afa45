import { expect, openOrder, test } from './support/fixtures';

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']).toContain(headers['referrer-policy']);
}

test('the lookup page is served with the security headers', async ({ page }) => {
  const response = await page.goto('/');
  expectSecurityHeaders(response!.headers());
});

test('the order page: security headers, never cached, a locked-down session cookie, nothing personal in a URL', async ({ page, context, demoOrders }) => {
  const order = demoOrders.get('unfulfilled');
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const orderResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/order');
  const lookupResponse = page.waitForResponse((r) => r.request().method() === 'POST');
  await openOrder(page, order);

  const headers = (await orderResponse).headers();
  expectSecurityHeaders(headers);
  expect(headers['cache-control']).toContain('no-store');

  const setCookie = (await (await lookupResponse).headerValue('set-cookie')) ?? '';
  expect(setCookie).toMatch(/^comptoir_session=/);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
  const session = (await context.cookies()).find((cookie) => cookie.name === 'comptoir_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(session!.value).not.toContain(order.email);

  const digits = order.name.replace('#', '');
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url).not.toContain(order.email);
    expect(url).not.toContain(encodeURIComponent(order.email));
    for (const value of new URL(url).searchParams.values()) expect(value).not.toContain(digits);
  }
  await expect(page).toHaveURL('/order');
});
