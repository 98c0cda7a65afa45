import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestClock, SANDBOX_TOKEN, startEmulator, type RunningEmulator,
} from '~/sandbox/shopify/emulator-harness.test-helpers';

const START = '2026-11-20T10:00:00Z';
const HOUR = 3_600_000;
const REQUIRED_SCENARIOS = [
  'unfulfilled', 'partially-fulfilled', 'in-transit', 'out-for-delivery', 'delivered-recently', 'delivered-long-ago',
  'delivery-attempted', 'tracking-without-carrier', 'cancelled', 'partially-refunded', 'return-in-progress',
  'final-sale', 'gift-card', 'eur-france', 'cad-canada', 'multi-item-variants',
];
const LOOKUP = `query Lookup($q: String!) { orders(first: 5, query: $q) { nodes { name email } edges { cursor } pageInfo { hasNextPage } } }`;

let shop: RunningEmulator;
beforeAll(async () => {
  shop = await startEmulator({ clock: createTestClock(START).clock });
});
afterAll(() => shop.close());

const namesFor = async (q: string) => {
  const reply = await shop.graphql(LOOKUP, { q });
  expect(reply.body.errors).toBeUndefined();
  return (reply.body.data?.orders.nodes as Array<{ name: string }>).map((o) => o.name).sort();
};

describe('transport and validation', () => {
  it('rejects a wrong or missing access token with Shopify’s 401 body', async () => {
    for (const token of ['shpat_wrong', '']) {
      const reply = await shop.graphql('{ shop { name } }', {}, token);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
  });

  it('validates against the real Admin schema and answers like Shopify (HTTP 200, errors only)', async () => {
    const reply = await shop.graphql('{ orders(first: 1) { nodes { id secretField } } }');
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors).toEqual([{
      message: "Field 'secretField' doesn't exist on type 'Order'",
      locations: [{ line: 1, column: 33 }],
      extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'secretField' },
    }]);
  });

  it('fails loudly on root fields and mutations the emulator does not implement', async () => {
    const reply = await shop.graphql('mutation { tagsAdd(id: "gid://shopify/Order/1", tags: ["vip"]) { node { id } } }');
    expect(reply.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("'tagsAdd' is not supported") });
  });

  it('answers unknown paths with Shopify’s 404 body', async () => {
    const response = await fetch(`${shop.url}/admin/api/2026-10/orders.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: 'Not Found' });
  });
});

describe('order search', () => {
  it('finds an order by name with or without #, bare or quoted', async () => {
    for (const q of ['name:1002', 'name:#1002', 'name:"#1002"', "name:'#1002'"]) expect(await namesFor(q)).toEqual(['#1002']);
  });

  it('matches email case-insensitively, combines with AND (explicit or implicit) and OR', async () => {
    expect(await namesFor('email:LUCAS.Bernard@Example.COM')).toEqual(['#1002', '#1020']);
    expect(await namesFor('name:#1020 AND email:"lucas.bernard@example.com"')).toEqual(['#1020']);
    expect(await namesFor('name:#1020 email:camille.martin@example.com')).toEqual([]);
    expect(await namesFor('name:1001 OR name:1003')).toEqual(['#1001', '#1003']);
    expect(await namesFor('status:cancelled')).toEqual(['#1009']);
  });

  it('returns an empty connection when nothing matches', async () => {
    const reply = await shop.graphql(LOOKUP, { q: 'name:#9999' });
    expect(reply.body.data?.orders).toEqual({ nodes: [], edges: [], pageInfo: { hasNextPage: false } });
  });
});

describe('query cost', () => {
  it('reports requested and actual cost on every response', async () => {
    const small = 'query Small($q: String!) { orders(first: 5, query: $q) { nodes { id shippingAddress { city } } } }';
    const reply = await shop.graphql(small, { q: 'name:1005' });
    // 2 for the connection + 5 × (order 1 + address 1); actually returned: 2 + 1 × 2.
    expect(reply.body.extensions?.cost).toMatchObject({ requestedQueryCost: 12, actualQueryCost: 4 });
    expect(reply.body.extensions?.cost?.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
  });

  it('prices abstract types at their dearest member', async () => {
    const reply = await shop.graphql('{ node(id: "gid://shopify/Order/6410001004") { id ... on Order { lineItems(first: 3) { nodes { id } } } } }');
    expect(reply.body.extensions?.cost?.requestedQueryCost).toBe(1 + 2 + 3);
  });

  it('refuses a query above 1000 points with MAX_COST_EXCEEDED and takes nothing from the bucket', async () => {
    const before = (await shop.graphql('{ shop { name } }')).body.extensions?.cost?.throttleStatus.currentlyAvailable;
    const reply = await shop.graphql('{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }');
    const requested = 2 + 250 * (1 + 2 + 250);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeUndefined();
    const [error] = reply.body.errors as Array<{ message: string; extensions: Record<string, unknown> }>;
    expect(error?.message).toMatch(new RegExp(`^Query cost is ${requested}, which exceeds the single query max cost limit \\(1000\\)\\.`));
    expect(error?.extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: 1000 });
    const after = (await shop.graphql('{ shop { name } }')).body.extensions?.cost?.throttleStatus.currentlyAvailable;
    expect(after).toBe(before - 1);
  });
});

describe('throttling and faults', () => {
  it('throttles once the bucket is drained and recovers as the clock advances', async () => {
    const time = createTestClock(START);
    const small = await startEmulator({ clock: time.clock, bucket: { maximumAvailable: 100, restoreRate: 10 } });
    try {
      const query = '{ orders(first: 60) { nodes { id } } }';
      let available = 100;
      for (let i = 0; i < 2; i += 1) {
        const { cost } = (await small.graphql(query)).body.extensions ?? {};
        expect(cost?.requestedQueryCost).toBe(62);
        available -= cost?.actualQueryCost;
        expect(cost?.throttleStatus.currentlyAvailable).toBe(available);
      }
      const refused = await small.graphql(query);
      expect(refused.status).toBe(200);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors).toEqual([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }]);
      expect(refused.body.extensions?.cost).toEqual({
        requestedQueryCost: 62, actualQueryCost: null, throttleStatus: { maximumAvailable: 100, currentlyAvailable: available, restoreRate: 10 },
      });
      time.advance(Math.ceil((62 - available) / 10) * 1000);
      expect((await small.graphql(query)).body.data?.orders.nodes.length).toBeGreaterThanOrEqual(30);
    } finally {
      await small.close();
    }
  });

  it('injects HTTP 429, HTTP 500 and GraphQL THROTTLED for the next N requests, and counts requests', async () => {
    await shop.post('/__sandbox/shopify/reset', {});
    await shop.post('/__sandbox/shopify/faults', { mode: 'http429', count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const reply = await shop.graphql('query Ping { shop { name } }');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('1');
    }
    expect((await shop.graphql('query Ping { shop { name } }')).body.data?.shop.name).toBe('Comptoir Demo');
    await shop.post('/__sandbox/shopify/faults', { mode: 'http500' });
    const failed = await shop.graphql('query Ping { shop { name } }');
    expect([failed.status, failed.body]).toEqual([500, { errors: 'Internal Server Error' }]);
    await shop.post('/__sandbox/shopify/faults', { mode: 'throttled' });
    const throttled = await shop.graphql('query Ping { shop { name } }');
    expect(throttled.body.errors).toMatchObject([{ extensions: { code: 'THROTTLED' } }]);
    expect(throttled.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(0);
    expect((await (await fetch(`${shop.url}/__sandbox/shopify/stats`)).json())).toMatchObject({
      requests: 5, requestedCost: 2, operations: { Ping: 2 },
    });
    expect((await shop.post('/__sandbox/shopify/faults', { mode: 'sometimes' })).status).toBe(400);
  });

  it('sets a variant’s stock as a sale would leave it: sold out at 0, for sale again above; unknown SKUs and bad bodies refused', async () => {
    await shop.post('/__sandbox/shopify/reset', {});
    type Variant = { sku: string; inventoryQuantity: number; availableForSale: boolean };
    const stock = async () => ((await shop.graphql(`query { products(first: 20) { nodes { variants(first: 20) { nodes { sku inventoryQuantity availableForSale } } } } }`))
      .body.data?.products.nodes as { variants: { nodes: Variant[] } }[]).flatMap((product) => product.variants.nodes).find((variant) => variant.sku === 'MAR-NAV-L');
    expect(await stock()).toMatchObject({ availableForSale: true });
    const sold = await shop.post('/__sandbox/shopify/inventory', { sku: 'MAR-NAV-L', available: 0 });
    expect([sold.status, await sold.json()]).toEqual([200, { sku: 'MAR-NAV-L', inventoryQuantity: 0, availableForSale: false }]);
    expect(await stock()).toEqual({ sku: 'MAR-NAV-L', inventoryQuantity: 0, availableForSale: false });
    await shop.post('/__sandbox/shopify/inventory', { sku: 'MAR-NAV-L', available: 3 });
    expect(await stock()).toEqual({ sku: 'MAR-NAV-L', inventoryQuantity: 3, availableForSale: true });
    expect((await shop.post('/__sandbox/shopify/inventory', { sku: 'NOPE', available: 1 })).status).toBe(404);
    expect((await shop.post('/__sandbox/shopify/inventory', { sku: 'MAR-NAV-L', available: -1 })).status).toBe(400);
  });
});

describe('demo data', () => {
  type Demo = { name: string; email: string; scenario: string; description: string; currency: string; country: string };
  let demo: Demo[];
  beforeAll(async () => {
    const response = await fetch(`${shop.url}/__sandbox/orders`, { headers: { Accept: 'application/json' } });
    demo = ((await response.json()) as { orders: Demo[] }).orders;
  });

  it('lists at least 30 orders covering every scenario, each findable by name and email', async () => {
    expect(demo.length).toBeGreaterThanOrEqual(30);
    expect(new Set(demo.map((o) => o.name)).size).toBe(demo.length);
    for (const scenario of REQUIRED_SCENARIOS) expect(demo.map((o) => o.scenario)).toContain(scenario);
    for (const order of demo) {
      expect(order.description).toMatch(/^[A-Z].+\.$/);
      expect(await namesFor(`name:${order.name} AND email:"${order.email}"`)).toEqual([order.name]);
    }
  });

  it('serves an accessible HTML listing for people', async () => {
    const html = await (await fetch(`${shop.url}/__sandbox/orders`)).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('<th scope="col">Email</th>');
    expect(html).toContain('<th scope="row">#1001</th>');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});

describe('seed', () => {
  const SNAPSHOT = `{ orders(first: 35, sortKey: ORDER_NUMBER) { nodes { id name createdAt displayFulfillmentStatus
    currentTotalPriceSet { presentmentMoney { amount currencyCode } }
    fulfillments(first: 2) { id displayStatus deliveredAt trackingInfo(first: 1) { number url } events(first: 3) { nodes { happenedAt } } }
    lineItems(first: 2) { nodes { id image { url } } } } } }`;

  it('is deterministic for a fixed clock and follows the clock', async () => {
    const options = { publicUrl: 'http://sandbox.test' };
    const a = await startEmulator({ ...options, clock: createTestClock(START).clock });
    const b = await startEmulator({ ...options, clock: createTestClock(START).clock });
    const later = createTestClock(START);
    const c = await startEmulator({ ...options, clock: later.clock });
    try {
      const [first, second] = await Promise.all([a.graphql(SNAPSHOT), b.graphql(SNAPSHOT)]);
      expect(first.body.errors).toBeUndefined();
      expect(JSON.stringify(first.body.data)).toBe(JSON.stringify(second.body.data));
      const created = (reply: typeof first) => reply.body.data?.orders.nodes[0].createdAt;
      expect(created(first)).toBe(new Date(Date.parse(START) - HOUR).toISOString().replace('.000Z', 'Z'));
      later.advance(24 * HOUR);
      await c.post('/__sandbox/shopify/reset', {});
      expect(Date.parse(created(await c.graphql(SNAPSHOT)))).toBe(Date.parse(created(first)) + 24 * HOUR);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('tells each parcel’s story consistently with its scenario', async () => {
    const query = `query One($q: String!) { orders(first: 1, query: $q) { nodes { presentmentCurrencyCode currencyCode
      shippingAddress { countryCodeV2 provinceCode } displayFinancialStatus returnStatus
      fulfillments(first: 3) { displayStatus deliveredAt estimatedDeliveryAt trackingInfo(first: 1) { company number url }
        events(first: 1, reverse: true) { nodes { status city country } } } } } }`;
    const order = async (name: string) => (await shop.graphql(query, { q: `name:${name}` })).body.data?.orders.nodes[0];
    const daysAgo = (iso: string) => Math.round((Date.parse(START) - Date.parse(iso)) / (24 * HOUR));

    const outForDelivery = await order('1004');
    expect(outForDelivery.fulfillments[0]).toMatchObject({ displayStatus: 'OUT_FOR_DELIVERY', events: { nodes: [{ status: 'OUT_FOR_DELIVERY' }] } });
    expect(Date.parse(outForDelivery.fulfillments[0].estimatedDeliveryAt)).toBeGreaterThan(Date.parse(START));
    expect(daysAgo((await order('1005')).fulfillments[0].deliveredAt)).toBe(3);
    expect(daysAgo((await order('1006')).fulfillments[0].deliveredAt)).toBe(45);
    expect((await order('1007')).fulfillments[0].displayStatus).toBe('ATTEMPTED_DELIVERY');
    const untracked = (await order('1008')).fulfillments[0].trackingInfo[0];
    expect(untracked).toMatchObject({ company: null, url: null, number: expect.any(String) });
    const colissimo = (await order('1003')).fulfillments[0].trackingInfo[0];
    expect(colissimo.url).toBe(`https://www.laposte.fr/outils/suivre-vos-envois?code=${colissimo.number}`);
    expect(await order('1015')).toMatchObject({ presentmentCurrencyCode: 'CAD', currencyCode: 'EUR', shippingAddress: { countryCodeV2: 'CA', provinceCode: 'QC' } });
    expect((await order('1010')).displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    expect((await order('1011')).returnStatus).toBe('IN_PROGRESS');
  });

  it('serves the product pictures it links to', async () => {
    const reply = await shop.graphql('{ orders(first: 1, query: "name:1001") { nodes { lineItems(first: 1) { nodes { image { url } } } } } }');
    const url: string = reply.body.data?.orders.nodes[0].lineItems.nodes[0].image.url;
    expect(url.startsWith(`${shop.url}/__sandbox/images/`)).toBe(true);
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(image.headers.get('cache-control')).toContain('max-age');
    expect(await image.text()).toMatch(/^<svg[^>]*>.*<title>Marinière Saint-Malo · Navy<\/title>/);
    expect((await fetch(`${shop.url}/__sandbox/images/nothing-here.svg`)).status).toBe(404);
  });
});
