import AxeBuilder from '@axe-core/playwright';
import { listDemoStoreOrders } from '../../app/sandbox/aftership/orders.server';
import { listDemoOrders } from '../../app/sandbox/seed/seed.server';
import { expect, test } from './support/fixtures';

/*
 * The sandbox's AfterShip controls as a person uses them: a return the emulated AfterShip holds,
 * moved along by the page's buttons (plain forms), with its label a real PDF. The return is
 * rejected at the end, so its items stay returnable for other specs sharing the server.
 */
const API = '/__sandbox/aftership-api/returns/2026-07';
const KEY = { 'as-api-key': 'sandbox-aftership-key' };

test('the AfterShip controls move a return along, and the page passes axe', async ({ page, request }) => {
  // Specs pick demo orders by scenario; this one only borrows a line, and gives it back by rejecting.
  const name = listDemoOrders().find((o) => o.scenario === 'delivered-recently')!.name;
  const order = listDemoStoreOrders(new Date()).find((o) => o.name === name)!;
  const line = order.lines[0]!;
  const created = await request.post(`${API}/returns`, {
    headers: KEY,
    data: {
      order: { external_id: order.externalId, store: { platform: 'shopify', external_id: 'comptoir-demo' } },
      return_items: [{ external_order_item_id: line.externalId, intended_return_quantity: 1, return_reason: 'E2E', resolution: 'refund' }],
      return_method: { type: 'retailer_label' }, refund_destination: 'original_payment',
    },
  });
  expect(created.status()).toBe(201);
  const { id, rma_number: rma } = (await created.json()).data as { id: string; rma_number: string };
  expect((await request.post(`${API}/returns/${id}/approve`, { headers: KEY, data: { generate_label: true } })).status()).toBe(202);

  await page.goto('/__sandbox/aftership');
  await expect(page.getByRole('heading', { name: 'AfterShip Returns (sandbox)' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(rma) }) });
  const pdf = await request.get(await row.getByRole('link', { name: 'PDF' }).getAttribute('href') ?? '');
  expect(pdf.headers()['content-type']).toBe('application/pdf');

  await row.getByRole('button', { name: `Scan: in transit (${rma})` }).click();
  await expect(page.getByRole('status')).toHaveText(`Return ${rma}: in_transit`);
  await expect(row.getByRole('cell', { name: 'in_transit' })).toBeVisible();
  await row.getByRole('button', { name: `Reject (${rma})` }).click();
  await expect(row.getByRole('cell', { name: 'rejected' })).toBeVisible();
});
