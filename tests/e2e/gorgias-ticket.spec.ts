import type { APIRequestContext, Page } from '@playwright/test';
import { openOrder, type DemoOrder } from './support/fixtures';
import { expect, test } from './support/returns-server';
import { chooseLine, confirmConditions, goToReview, returnLabels, sendReturn, startReturn } from './support/returns';

/*
 * The sandbox's Gorgias options as an agent and a shopper see them: a return sent from an agent's
 * link lands on that agent's ticket, a review case goes to the "Returns review" team with a high
 * priority, and the shopper gets one public reply. Runs on the returns server (returns use up
 * units); two-parcels-delivered, the second cad-canada and partially-fulfilled orders are returned by no other
 * spec there.
 */

/** The sandbox keys (env.server.ts): the portal's API key and the demo Gorgias account. */
const PORTAL_KEY = { Authorization: 'Bearer sandbox-api-key-not-for-production' };
const GORGIAS_KEY = { Authorization: `Basic ${Buffer.from('agent@comptoir-demo.example:sandbox-gorgias-key').toString('base64')}` };

/** What an agent has before sending the link: a ticket the shopper opened by writing in. */
async function openAgentTicket(request: APIRequestContext, order: DemoOrder): Promise<number> {
  const incoming = { channel: 'api', via: 'api', from_agent: false, sender: { email: order.email }, body_text: 'Bonjour, je voudrais retourner un article.' };
  const created = await request.post('/__sandbox/gorgias-api/api/tickets', {
    headers: GORGIAS_KEY,
    data: { channel: 'api', via: 'api', from_agent: false, subject: `Retour commande ${order.name}`, customer: { email: order.email }, messages: [incoming] },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: number }).id;
}

/** The value next to a label in the agent view's ticket facts. */
const fact = (page: Page, label: string) => page.locator(`xpath=//dt[.="${label}"]/following-sibling::dd[1]`).first();

test('a return sent from an agent\'s link updates that ticket: notes, the public replies in French, no new ticket', async ({ page, request, demoOrders }) => {
  const order = demoOrders.get('two-parcels-delivered');
  const ticketId = await openAgentTicket(request, order);
  const minted = await request.post('/api/links', { headers: PORTAL_KEY, data: { orderNumber: order.name, email: order.email, ticketId, language: 'fr' } });
  expect(minted.status()).toBe(200);
  await page.goto(((await minted.json()) as { url: string }).url);

  await startReturn(page, 'fr');
  await chooseLine(page, { quantity: 1, reason: returnLabels.fr.tooSmall }, 'fr');
  await confirmConditions(page, 'fr');
  await goToReview(page, 'fr');
  const caseId = await sendReturn(page, 'fr');
  await expect(page.getByText('Notre équipe support a votre demande, avec tout ce que vous nous avez indiqué ici')).toBeVisible();

  // The worker posts on the agent's ticket; the agent view shows it once it has.
  await expect(async () => {
    await page.goto(`/__sandbox/gorgias/tickets/${ticketId}`);
    await expect(page.getByText(`external id ${caseId}:event:`).first()).toBeVisible({ timeout: 1_000 });
    // Two replies: "we have your request", then, once the store's return address is given, how to send it back.
    await expect(page.getByText('Public reply', { exact: true })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Retour commande ${order.name}`);
  await expect(page.getByText(`Return ${caseId} · order ${order.name}`).first()).toBeVisible();
  await expect(page.getByText(`Notre équipe support a bien reçu votre demande de retour pour la commande ${order.name}. Sa référence est ${caseId}`)).toBeVisible();
  await expect(page.getByText(`by agent to ${order.email}, from support@comptoir-demo.example`)).toHaveCount(2);
  await expect(page.getByText(/Votre retour est accepté\. Voici comment nous renvoyer les articles/)).toBeVisible();
  await expect(fact(page, 'Tags')).toContainText('auto-approved');

  await page.goto('/__sandbox/gorgias/tickets');
  await expect(page.getByRole('link', { name: `Retour commande ${order.name}` })).toHaveCount(1);
  await expect(page.getByRole('link', { name: new RegExp(caseId) })).toHaveCount(0);

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByText('Nous vous avons aussi envoyé une confirmation par e-mail.')).toBeVisible();
});

test('a link minted with another customer\'s ticket opens a ticket of its own and leaves theirs untouched', async ({ page, request, demoOrders }) => {
  // The same order as the first test here, another item (both may run on one returns server);
  // partially-fulfilled's one delivered item belongs to shopify-webhooks.spec.ts.
  const order = demoOrders.get('two-parcels-delivered');
  const stranger = demoOrders.get('usd-united-states');
  const strangersTicket = await openAgentTicket(request, stranger);
  const minted = await request.post('/api/links', { headers: PORTAL_KEY, data: { orderNumber: order.name, email: order.email, ticketId: strangersTicket } });
  expect(minted.status()).toBe(200);
  const link = (await minted.json()) as { url: string; ticketId: number | null };
  expect(link.ticketId).toBeNull();
  await page.goto(link.url);

  await startReturn(page);
  await chooseLine(page, { index: 1, quantity: 1, reason: returnLabels.en.tooSmall });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);

  // The case's own ticket, for this shopper, gets the notes and the public replies (the request's, the label's).
  const subject = `Return ${caseId} · order ${order.name}`;
  await expect(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    await page.getByRole('link', { name: subject }).click({ timeout: 1_000 });
    await expect(page.getByText('Public reply', { exact: true })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  await expect(fact(page, 'Email')).toHaveText(order.email);
  await expect(page.getByText(`by agent to ${order.email}, from support@comptoir-demo.example`)).toHaveCount(2);

  // The other customer's ticket is as they left it: their message only, nothing about this case.
  await page.goto(`/__sandbox/gorgias/tickets/${strangersTicket}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Retour commande ${stranger.name}`);
  await expect(page.getByText('From customer', { exact: true })).toHaveCount(1);
  await expect(page.getByText('Internal note', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Public reply', { exact: true })).toHaveCount(0);
  await expect(page.getByText(caseId)).toHaveCount(0);
  await expect(page.getByText(order.name)).toHaveCount(0);
});

test('a return that needs review goes to the "Returns review" team with a high priority', async ({ page, demoOrders }) => {
  const order = demoOrders.get('cad-canada', 1);
  await openOrder(page, order);
  await startReturn(page);
  await chooseLine(page, { quantity: 1, reason: 'Another reason' });
  await confirmConditions(page);
  await goToReview(page);
  const caseId = await sendReturn(page);

  const subject = `Return ${caseId} · order ${order.name}`;
  await expect(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    await expect(page.getByRole('row', { name: new RegExp(subject) })).toContainText('Returns review', { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
  await page.getByRole('link', { name: subject }).click();
  await expect(fact(page, 'Team')).toHaveText('Returns review');
  await expect(fact(page, 'Priority')).toHaveText('high');
  await expect(fact(page, 'Tags')).toContainText('needs-review');
  await expect(page.getByText('Public reply', { exact: true })).toHaveCount(1);
});
