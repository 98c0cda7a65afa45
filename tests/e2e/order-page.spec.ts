import type { Locator, Page } from '@playwright/test';
import { expect, openOrder, test } from './support/fixtures';
import { readStoreOrder, type StoreOrder } from './support/shopify';

/** Where each carrier's own tracking lives: a tracking link must lead there, nowhere else. */
const CARRIER_HOSTS: Record<string, string> = {
  Colissimo: 'www.laposte.fr',
  'La Poste': 'www.laposte.fr',
  Chronopost: 'www.chronopost.fr',
  UPS: 'www.ups.com',
  'DHL Express': 'www.dhl.com',
  'Canada Post': 'www.canadapost-postescanada.ca',
  USPS: 'tools.usps.com',
};

/** Adds up the "Quantity: n" lines of the items listed inside `scope`. */
async function totalQuantity(scope: Locator): Promise<number> {
  const lines = await scope.getByText(/^Quantity: \d+$/).allTextContents();
  return lines.reduce((sum, line) => sum + Number(line.replace(/\D/g, '')), 0);
}

const parcels = (scope: Page) => scope.getByRole('region', { name: /^Parcel \d+$/ });

test.describe('a partly shipped order', () => {
  let store: StoreOrder;

  test.beforeEach(async ({ page, request, demoOrders }) => {
    const order = demoOrders.get('partially-fulfilled');
    store = await readStoreOrder(request, order.name);
    await openOrder(page, order);
  });

  test('the headline says how many of the items have shipped', async ({ page }) => {
    const headline = page.getByRole('heading', { level: 1 });
    await expect(headline).toHaveText(/^On its way: \d+ of \d+ items shipped$/);
    const [shipped, total] = ((await headline.textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(shipped).toBeLessThan(total!);
    expect(shipped).toBe(await totalQuantity(page.getByRole('region', { name: 'Parcels' })));
    expect(total).toBe(await totalQuantity(page.getByRole('region', { name: 'Items', exact: true })));
  });

  test('each parcel names its carrier and links the tracking number to the carrier', async ({ page }) => {
    const shipped = store.fulfillments.flatMap((f) => f.trackingInfo);
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    await expect(parcels(page)).toHaveCount(shipped.length);
    for (const info of shipped) {
      const link = page.getByRole('link', { name: `${info.number} (opens in a new tab)` });
      const parcel = parcels(page).filter({ has: link });
      await expect(parcel).toHaveCount(1);
      await expect(parcel.getByText(info.company!, { exact: true })).toBeVisible();
      await expect(link).toHaveAttribute('href', info.url!);
      expect(new URL(info.url!).hostname).toBe(CARRIER_HOSTS[info.company!]);
      expect(info.url).toContain(info.number);
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', /noopener/);
    }
  });

  test('each parcel shows its latest update, and the full history newest first on demand', async ({ page }) => {
    for (const parcel of await parcels(page).all()) {
      const latest = parcel.getByRole('heading', { name: 'Latest update' }).locator('..');
      await expect(latest).toBeVisible();
      const history = parcel.getByRole('group').filter({ hasText: 'Full tracking history' });
      const events = history.getByRole('listitem');
      await expect(events.first()).toBeHidden();
      await history.getByText('Full tracking history').click();
      await expect(events.first()).toBeVisible();
      expect(await events.count()).toBeGreaterThanOrEqual(2);
      // The latest update is the top of the history.
      const latestText = (await latest.innerText()).replace(/^Latest update\s*/, '');
      expect(await events.first().innerText()).toBe(latestText);
      const times = await history.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
      expect(times).toEqual([...times].sort().reverse());
    }
  });

  test('items not shipped yet are listed apart from the parcels', async ({ page }) => {
    const unshipped = page.getByRole('region', { name: 'Not shipped yet' });
    await expect(unshipped).toContainText('These items will follow in another parcel.');
    const waiting = await unshipped.getByRole('listitem').all();
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const inParcels = await page.getByRole('region', { name: 'Parcels' }).innerText();
    for (const item of waiting) {
      const title = await item.locator('p').first().innerText();
      expect(inParcels).not.toContain(title);
    }
  });

  test('every item shows its picture, variant, quantity and price', async ({ page }) => {
    const items = page.getByRole('region', { name: 'Items', exact: true }).getByRole('listitem');
    await expect(items).toHaveCount(store.lineItems.nodes.length);
    for (const line of store.lineItems.nodes) {
      const item = items.filter({ hasText: line.title });
      const money = line.originalUnitPriceSet.presentmentMoney;
      const price = new Intl.NumberFormat('en', { style: 'currency', currency: money.currencyCode }).format(Number(money.amount));
      await expect(item.getByText(line.variantTitle!, { exact: true })).toBeVisible();
      await expect(item.getByText(`Quantity: ${line.quantity}`, { exact: true })).toBeVisible();
      await expect(item.getByText(`${price} each`, { exact: true })).toBeVisible();
      const picture = item.locator('img');
      await picture.scrollIntoViewIfNeeded();
      await expect(picture).toHaveAttribute('src', line.image!.url);
      await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    }
  });

  test('the address is recognisable but partly hidden', async ({ page }) => {
    const address = store.shippingAddress!;
    const shown = page.locator('address');
    // The street's longest word keeps its first letter only; the postcode its first two digits.
    const word = address.address1.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));
    await expect(shown).toContainText(word.charAt(0) + word.slice(1).replace(/[\p{L}\p{N}]/gu, '•'));
    await expect(shown).toContainText(`${address.zip.slice(0, 2)}•`);
    await expect(page.getByText('Partly hidden for your privacy.')).toBeVisible();
    expect(await page.content()).not.toContain(address.address1);
    if (address.address2) expect(await page.content()).not.toContain(address.address2);
    expect(await shown.innerText()).not.toContain(address.zip);
  });
});

/* Returns made outside the portal, what cannot be returned and why, late parcels, times with their zone. */
const words = {
  en: {
    storeReturns: 'Returns recorded by the store', start: 'Return items', some: 'Not returnable online',
    nothing: 'Nothing on this order can be returned online', why: 'Why, item by item', contact: 'Contact us',
    exchange: (name: string) => `Exchange ${name}`, inReturn: (name: string) => `Already in return ${name}, requested on`,
    returned: (name: string) => `Already returned (${name}, closed on`, approved: 'Approved', closed: 'Closed',
    refunded: (amount: string) => `Refunded: ${amount}`, runningLate: 'On its way, running late',
    expectedLate: (date: string) => `Expected on ${date}, running late`, estimated: 'Estimated delivery', latest: 'Latest update',
    history: 'Full tracking history',
  },
  fr: {
    storeReturns: 'Retours enregistrés par la boutique', start: 'Retourner des articles', some: 'Non retournable en ligne',
    nothing: 'Aucun article de cette commande ne peut être retourné en ligne', why: 'Pourquoi, article par article', contact: 'Nous contacter',
    exchange: (name: string) => `Échange ${name}`, inReturn: (name: string) => `Déjà dans le retour ${name}, demandé le`,
    returned: (name: string) => `Déjà retourné (${name}, clôturé le`, approved: 'Accepté', closed: 'Clôturé',
    refunded: (amount: string) => `Remboursé : ${amount}`, runningLate: 'En route, avec du retard',
    expectedLate: (date: string) => `Attendu le ${date}, en retard`, estimated: 'Livraison estimée', latest: 'Dernière mise à jour',
    history: 'Historique complet du suivi',
  },
} as const;

for (const language of ['en', 'fr'] as const) {
  const text = words[language];

  test.describe(`returns and delays (${language})`, () => {
    test('an exchange made with the store is listed, and its item says why it cannot go back again', async ({ page, request, demoOrders }) => {
      const order = demoOrders.get('exchange-in-progress');
      const store = await readStoreOrder(request, order.name);
      await openOrder(page, order, language);
      const recorded = page.getByRole('region', { name: text.storeReturns });
      const entry = recorded.getByRole('listitem').filter({ has: page.getByRole('heading', { name: text.exchange(`${order.name}-R1`) }) });
      await expect(entry).toHaveCount(1);
      await expect(entry.getByText(text.approved, { exact: true })).toBeVisible();
      const [top, chinos] = store.lineItems.nodes;
      await expect(entry).toContainText(`${chinos!.title} – ${chinos!.variantTitle} × 1`);
      const blocked = page.getByRole('group', { name: text.some });
      const item = blocked.getByRole('listitem').filter({ hasText: chinos!.title });
      await expect(item).toContainText(text.inReturn(`${order.name}-R1`));
      await expect(item.getByRole('link', { name: /1\.1/ })).toHaveAttribute('href', '/policy#clause-1.1');
      await expect(blocked).not.toContainText(top!.title);
      // The top can still go back: the way in stays.
      await expect(page.getByRole('link', { name: text.start })).toBeVisible();
    });

    test('with nothing returnable there is no "Return items", and each item says why, here and on the return page', async ({ page, demoOrders }) => {
      const order = demoOrders.get('return-requested');
      await openOrder(page, order, language);
      await expect(page.getByRole('link', { name: text.start })).toHaveCount(0);
      const blocked = page.getByRole('group', { name: text.nothing });
      await expect(blocked).toContainText(text.inReturn(`${order.name}-R1`));
      await page.goto('/order/return');
      const why = page.getByRole('group', { name: text.why });
      await expect(why).toContainText(text.inReturn(`${order.name}-R1`));
      await expect(page.getByRole('link', { name: text.contact })).toHaveAttribute('href', /^mailto:/);
    });

    test('a return closed and refunded in Shopify shows its refund in the page\'s language', async ({ page, request, demoOrders }) => {
      const order = demoOrders.get('returned-and-refunded');
      const store = await readStoreOrder(request, order.name);
      await openOrder(page, order, language);
      await expect(page.getByRole('link', { name: text.start })).toHaveCount(0);
      const ret = store.returns.nodes[0]!;
      const money = ret.refunds.nodes[0]!.totalRefundedSet.presentmentMoney;
      const amount = new Intl.NumberFormat(language, { style: 'currency', currency: money.currencyCode }).format(Number(money.amount));
      const entry = page.getByRole('region', { name: text.storeReturns }).getByRole('listitem').filter({ hasText: ret.name });
      await expect(entry.getByText(text.closed, { exact: true })).toBeVisible();
      expect(await entry.innerText()).toContain(text.refunded(amount));
      await expect(page.getByRole('group', { name: text.nothing })).toContainText(text.returned(ret.name));
    });

    test('a parcel past its estimated delivery says it is running late, not that it is still due', async ({ page, request, demoOrders }) => {
      const order = demoOrders.get('running-late');
      const store = await readStoreOrder(request, order.name);
      const eta = new Date(store.fulfillments[0]!.estimatedDeliveryAt!);
      expect(eta.getTime()).toBeLessThan(Date.now());
      await openOrder(page, order, language);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.runningLate);
      const date = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }).format(eta);
      const parcel = page.getByRole('region', { name: /^(Parcel|Colis) 1$/ });
      await expect(parcel.getByText(text.expectedLate(date), { exact: true })).toBeVisible();
      await expect(page.getByText(text.estimated)).toHaveCount(0);
    });

    test('every time on the order page says its time zone', async ({ page, demoOrders }) => {
      await openOrder(page, demoOrders.get('running-late'), language);
      await page.getByText(text.history).click();
      const times = await page.locator('main time').allInnerTexts();
      expect(times.length).toBeGreaterThanOrEqual(3);
      for (const time of times) expect(time).toMatch(/\d{2}:\d{2}.*\b(GMT|UTC)([+-]\d{1,2})?$/);
    });
  });
}
