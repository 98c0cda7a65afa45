import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Page, type Response } from '@playwright/test';
import { ORDER_MAX } from './servers';

/** One row of the sandbox's demo-order listing. */
export type DemoOrder = { name: string; email: string; scenario: string; description: string; currency: string; country: string };

/*
 * Specs pick demo orders by scenario, never by number. The server is shared by every spec and
 * failed lookups count against an order number, so a spec that fails lookups on a real order owns
 * its scenario: "delivered-long-ago" (locked out by lookup.spec) and "delivery-attempted"
 * (wrong-email lookups in lookup.spec). Other specs only look orders up successfully.
 */
export class DemoOrders {
  constructor(private readonly orders: DemoOrder[]) {}

  /** The first demo order of a scenario (or the `index`-th, when the seed has several). */
  get(scenario: string, index = 0): DemoOrder {
    const order = this.orders.filter((o) => o.scenario === scenario)[index];
    if (!order) throw new Error(`the sandbox has no demo order #${index + 1} for scenario "${scenario}"`);
    return order;
  }
}

export async function fetchDemoOrders(request: APIRequestContext): Promise<DemoOrders> {
  const response = await request.get('/__sandbox/orders', { headers: { Accept: 'application/json' } });
  expect(response.status(), 'GET /__sandbox/orders').toBe(200);
  const { orders } = (await response.json()) as { orders: DemoOrder[] };
  return new DemoOrders(orders);
}

/** An order number no demo order has, unique to this call: for lookups meant to fail. */
export const unknownOrderNumber = (label: string) => `${label}-${randomBytes(4).toString('hex')}`.toUpperCase();

export const labels = {
  en: { orderNumber: 'Order number', email: 'Email address', submit: 'Find my order' },
  fr: { orderNumber: 'Numéro de commande', email: 'Adresse e-mail', submit: 'Retrouver ma commande' },
} as const;
export type Language = keyof typeof labels;

/**
 * Fills and submits the lookup form on the current page, as a shopper would, and returns the
 * response to the form's POST (a redirect to /order when the lookup succeeded).
 */
export async function submitLookup(
  page: Page,
  input: { orderNumber: string; email: string },
  language: Language = 'en',
): Promise<Response> {
  const text = labels[language];
  await page.getByLabel(text.orderNumber, { exact: true }).fill(input.orderNumber);
  await page.getByLabel(text.email, { exact: true }).fill(input.email);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: text.submit }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** Opens the lookup page and looks an order up with its own details; ends on the order page. */
export async function openOrder(page: Page, order: DemoOrder, language: Language = 'en'): Promise<void> {
  await page.goto(language === 'en' ? '/' : `/?lng=${language}`);
  const response = await submitLookup(page, { orderNumber: order.name, email: order.email }, language);
  expect(response.status(), `lookup of ${order.name}`).toBe(302);
  await page.waitForURL('/order');
}

/**
 * What a page gives its forms to post back: the anti-forgery token (reading the page also sets
 * the cookie it is bound to) and the page's origin, which a browser would send as `Origin`.
 */
export async function formPass(request: APIRequestContext, path = '/'): Promise<{ token: string; origin: string }> {
  const response = await request.get(path);
  const token = /name="csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (!token) throw new Error(`GET ${path} has no form token`);
  return { token, origin: new URL(response.url()).origin };
}

/** The same form post without a browser, token and origin included: for setting up state, and for raw responses. */
export async function postLookup(request: APIRequestContext, input: { orderNumber: string; email: string }, query = '') {
  const { token, origin } = await formPass(request);
  return request.post(`/?index${query}`, { form: { ...input, csrf: token }, headers: { Origin: origin }, maxRedirects: 0 });
}

/** Fails lookups until the order number is locked. */
export async function lockOut(request: APIRequestContext, orderNumber: string): Promise<void> {
  for (let i = 0; i < ORDER_MAX; i++) {
    const response = await postLookup(request, { orderNumber, email: `nobody-${i}@example.com` });
    expect(response.status(), `failed lookup ${i + 1} of ${orderNumber}`).toBe(400);
  }
}

export const test = base.extend<{ demoOrders: DemoOrders }>({
  demoOrders: async ({ request }, use) => {
    await use(await fetchDemoOrders(request));
  },
});

export { expect };
