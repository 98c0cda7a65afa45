import type { Page } from '@playwright/test';
import { test as base, expect, openOrder } from './support/fixtures';
import { withOwnServer } from './support/returns-server';
import { SERVER_START_MS } from './support/servers';
import { AGENT_LINK, agentLinkFromTicket, openTicket } from './support/agents';
import { expectCaseState, expectNoAxeViolations, sendReviewReturn, shopifyReturnsFor } from './support/returns';

/*
 * Agents let in: an agent opens a review case from the link in its Gorgias ticket note, approves
 * one and declines another right there; Shopify, the shopper's case page and the ticket follow.
 * The spec has a server of its own (its own worker fixture, so its own worker): the review
 * returns use up units of orders other specs return from.
 */
const test = base.extend<object, { agentServerUrl: string }>({
  agentServerUrl: [async ({}, use) => withOwnServer(use), { scope: 'worker', timeout: SERVER_START_MS + 15_000 }],
  baseURL: async ({ agentServerUrl }, use) => use(agentServerUrl),
});

const PORTAL_KEY = { Authorization: 'Bearer sandbox-api-key-not-for-production' };

test('an agent approves one review case and declines another from the ticket link; Shopify, the case page and the ticket follow', async ({ page, request, demoOrders }) => {
  const approvedOrder = demoOrders.get('partially-fulfilled');
  const approvedCase = await sendReviewReturn(page, approvedOrder);
  const approveLink = await agentLinkFromTicket(page, approvedCase, approvedOrder.name);

  const response = await page.goto(approveLink);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  expect(response?.headers()['cache-control']).toBe('no-store');
  expect(response?.headers()['x-robots-tag']).toContain('noindex');
  expect(response?.headers()['set-cookie'] ?? '').not.toContain('comptoir_session');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Case ${approvedCase} · agent view`);
  await expect(page.getByRole('link', { name: `Open order ${approvedOrder.name} in Shopify` })).toHaveAttribute('href', /^https:\/\/admin\.shopify\.com\/store\/comptoir-demo\/orders\/\d+$/);
  await expect(page.getByText(approvedOrder.email)).toBeVisible();
  await expect(page.getByText('Policy verdict: needs review')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Policy version' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Gorgias ticket' })).toBeVisible();
  await expectNoAxeViolations(page);

  const review = page.getByRole('region', { name: 'Decide this return' });
  await review.getByRole('form', { name: 'Approve the return' }).getByLabel('Your name').fill('Marie');
  await review.getByRole('button', { name: 'Approve the return' }).click();
  await expect(review.getByText('Done: Shopify has your decision')).toBeVisible();
  await expect(review.getByText('Approved: the return is open on Shopify.')).toBeVisible();
  await expect(review.getByRole('button')).toHaveCount(0);
  expect((await shopifyReturnsFor(request, approvedOrder.name)).map((ret) => ret.status)).toContain('OPEN');
  await expect(page.getByText('by Marie on this page')).toBeVisible();

  // The shopper's own page (this browser still holds their session) shows the answer.
  await page.goto(`/cases/${approvedCase}`);
  // Approved, then at once given its way back: the sandbox's `store` provider issues the address.
  await expectCaseState(page, 'Return label ready');
  await openTicket(page, approvedCase, approvedOrder.name, 'Approved by Marie from the Comptoir agent page: the return is open on Shopify');

  const declinedOrder = demoOrders.get('delivered-recently');
  const declinedCase = await sendReviewReturn(page, declinedOrder);
  await page.goto(await agentLinkFromTicket(page, declinedCase, declinedOrder.name));
  const decline = page.getByRole('region', { name: 'Decide this return' }).getByRole('form', { name: 'Decline the return' });
  await decline.getByLabel('Reason the shopper sees').selectOption({ label: 'Final sale item' });
  await decline.getByLabel('Note to the shopper').fill('This item was sold in the final sale.');
  await decline.getByRole('button', { name: 'Decline the return' }).click();
  await expect(page.getByText('Declined.', { exact: true })).toBeVisible();
  await expect(page.getByText('This item was sold in the final sale.')).toBeVisible();
  expect((await shopifyReturnsFor(request, declinedOrder.name)).map((ret) => ret.status)).toContain('DECLINED');

  await openOrder(page, declinedOrder);
  await page.goto(`/cases/${declinedCase}`);
  await expectCaseState(page, 'Declined by the store');
  const shown = page.getByRole('region', { name: 'The store declined this return' });
  await expect(shown.getByRole('blockquote')).toHaveText('This item was sold in the final sale.');
  await openTicket(page, declinedCase, declinedOrder.name, 'Declined by an agent from the Comptoir agent page');
  await expect(page.getByText('declineReason: FINAL_SALE')).toBeVisible();

  // The sidebar hands out the same kind of link for each case.
  const sidebar = (await (await request.get(`/api/gorgias/customer?email=${encodeURIComponent(declinedOrder.email)}`, { headers: PORTAL_KEY })).json()) as { cases: { id: string; agentUrl: string }[] };
  expect(sidebar.cases.find((found) => found.id === declinedCase)?.agentUrl).toMatch(AGENT_LINK);
});

test('an altered agent link, or a shopper link in its place, opens nothing and says so, in French too', async ({ page, request, demoOrders }) => {
  const order = demoOrders.get('in-transit');
  const minted = await request.post('/api/links', { headers: PORTAL_KEY, data: { orderNumber: order.name, email: order.email } });
  const shopperToken = new URL(((await minted.json()) as { url: string }).url).pathname.split('/').pop();
  expect((await page.goto(`/agent/cases/${shopperToken}`))?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This agent link is not valid');
  const response = await page.goto('/agent/cases/AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8w');
  expect(response?.status()).toBe(404);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This agent link is not valid');
  await expectNoAxeViolations(page);
  await page.goto('/agent/cases/garbage?lng=fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien agent n’est pas valide');
  await expectNoAxeViolations(page);
});

test('the sidebar lists the latest orders of a customer with no case', async ({ request, demoOrders }) => {
  const order = demoOrders.get('in-transit');
  const reply = await request.get(`/api/gorgias/customer?email=${encodeURIComponent(order.email)}`, { headers: PORTAL_KEY });
  expect(reply.status()).toBe(200);
  type SidebarOrder = { name: string; statusText: string; orderAdminUrl: string; parcels: { carrier: string | null; trackingNumber: string | null; trackingUrl: string | null }[] };
  const body = (await reply.json()) as { cases: unknown[]; orders: SidebarOrder[] };
  expect(body.cases).toEqual([]);
  const found = body.orders.find((listed) => listed.name === order.name);
  expect(found).toMatchObject({ statusText: expect.stringMatching(/^On its way/), orderAdminUrl: expect.stringMatching(/^https:\/\/admin\.shopify\.com\/store\/comptoir-demo\/orders\/\d+$/) });
  expect(found!.parcels[0]).toMatchObject({ carrier: expect.any(String), trackingNumber: expect.any(String), trackingUrl: expect.stringMatching(/^https:/) });
  expect(body.orders.length).toBeLessThanOrEqual(5);
});
