import { expect, openOrder, test } from './support/fixtures';
import { chooseLine, confirmConditions, goToReview, sendReturn, startReturn } from './support/returns';

const auth = { Authorization: 'Bearer sandbox-api-key-not-for-production' };

test('the Gorgias sidebar endpoint lists a customer\'s cases for the agent, and nothing without the key', async ({ page, request, demoOrders }) => {
  // An order no other spec returns from, so its units are free.
  const order = demoOrders.get('two-parcels-delivered');
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Too small' });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);

  const email = encodeURIComponent(` ${order.email.toUpperCase()} `);
  const reply = await request.get(`/api/gorgias/customer?email=${email}`, { headers: auth });
  expect(reply.status()).toBe(200);
  type SidebarCase = {
    id: string; orderName: string; orderAdminUrl: string; kind: string; items: { quantity: number }[]; caseUrl: string;
    ticketUrl: string | null; parcels: { status: string; carrier: string; trackingNumber: string; trackingUrl: string }[] | null;
  };
  const { cases } = (await reply.json()) as { cases: SidebarCase[] };
  const found = cases.find((c) => c.id === caseId);
  expect(found).toMatchObject({ orderName: order.name, kind: 'return', items: [expect.objectContaining({ quantity: 1 })] });
  expect(found!.orderAdminUrl).toMatch(/^https:\/\/admin\.shopify\.com\/store\/comptoir-demo\/orders\/\d+$/);
  expect(found!.caseUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/cases/${caseId}$`));
  // The order's two parcels, as the agent would follow them.
  expect(found!.parcels).toHaveLength(2);
  for (const parcel of found!.parcels!) expect(parcel).toMatchObject({ status: 'delivered', trackingNumber: expect.any(String), trackingUrl: expect.stringMatching(/^https:/) });

  // Once the worker filed the case's ticket, the sidebar links to it (the sandbox's agent view).
  await expect.poll(async () => {
    const again = (await (await request.get(`/api/gorgias/customer?email=${email}`, { headers: auth })).json()) as { cases: SidebarCase[] };
    return again.cases.find((c) => c.id === caseId)?.ticketUrl ?? null;
  }, { timeout: 30_000 }).toMatch(/\/__sandbox\/gorgias\/tickets\/\d+$/);
  const withTicket = (await (await request.get(`/api/gorgias/customer?email=${email}`, { headers: auth })).json()) as { cases: SidebarCase[] };
  await page.goto(withTicket.cases.find((c) => c.id === caseId)!.ticketUrl!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Return ${caseId} · order ${order.name}`);

  expect((await request.get(`/api/gorgias/customer?email=${email}`)).status()).toBe(401);
  expect((await request.get('/api/gorgias/customer?email=not-an-email', { headers: auth })).status()).toBe(400);
  const nobody = await request.get('/api/gorgias/customer?email=nobody%40example.com', { headers: auth });
  expect(await nobody.json()).toEqual({ cases: [], orders: [] });
});
