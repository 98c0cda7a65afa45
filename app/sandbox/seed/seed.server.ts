import { buildOrder } from './build-order.server';
import { buildCatalog, SHOP_DOMAIN } from './catalog.server';
import { CUSTOMERS, type CustomerKey } from './customers.server';
import { createIdSequence } from './ids.server';
import { SHOP_CURRENCY } from './money.server';
import type { OrderSpec } from './order-spec.server';
import { ORDER_SPECS_1001 } from './order-specs-1001.server';
import { ORDER_SPECS_1017 } from './order-specs-1017.server';
import { buildReturnReasons } from './return-reasons.server';
import type { DemoOrder, GqlObject, Seed, SeedOrder } from './types.server';

export const ORDER_SPECS: OrderSpec[] = [...ORDER_SPECS_1001, ...ORDER_SPECS_1017];

/**
 * Orders beyond the demo's, for benchmarks that need many units to return (`npm run bench:scale`):
 * copies of #1005 (delivered three days ago, two units) numbered from 9001, spread over the
 * French shoppers, each with an email of its own (`order-9001@example.com`) so that every copy's
 * returns count as a first-time shopper's in the policy's review limits.
 */
export function toExtraOrderSpecs(count: number): OrderSpec[] {
  const template = ORDER_SPECS.find((spec) => spec.number === 1005)!;
  const shoppers = (Object.keys(CUSTOMERS) as CustomerKey[]).filter((key) => CUSTOMERS[key].countryCodeV2 === 'FR');
  return Array.from({ length: count }, (_, i) => ({
    ...template, number: 9001 + i, customer: shoppers[i % shoppers.length]!, email: `order-${9001 + i}@example.com`, description: 'A copy of #1005, for benchmarks.',
  }));
}

/** Id bases per type, so ids look like Shopify's and never collide across types. */
const ID_BASES: Record<string, number> = {
  Order: 6_410_001_000, LineItem: 15_870_001_000, Fulfillment: 5_230_001_000, FulfillmentLineItem: 11_900_001_000,
  FulfillmentEvent: 7_310_001_000, Return: 9_870_001_000, ReturnLineItem: 14_560_001_000, ExchangeLineItem: 2_150_001_000,
  Refund: 9_120_001_000, RefundLineItem: 6_780_001_000, ReturnableFulfillment: 5_230_501_000, Product: 8_790_001_000,
  ProductVariant: 46_210_001_000, InventoryItem: 48_330_001_000, MediaImage: 31_020_001_000, ImageSource: 52_400_001_000,
  ProductOption: 10_870_001_000, ProductOptionValue: 3_560_001_000, Customer: 7_650_001_000, MailingAddress: 8_880_001_000,
  ShippingLine: 4_710_001_000, ReturnReasonDefinition: 1_000_001,
};

const SHOP: GqlObject = {
  __typename: 'Shop', id: 'gid://shopify/Shop/84317569309', name: 'Comptoir Demo', myshopifyDomain: SHOP_DOMAIN,
  email: 'bonjour@comptoir-demo.example', contactEmail: 'bonjour@comptoir-demo.example', currencyCode: SHOP_CURRENCY,
  enabledPresentmentCurrencies: ['EUR', 'CAD', 'USD'], ianaTimezone: 'Europe/Paris', timezoneAbbreviation: 'CET',
  url: `https://${SHOP_DOMAIN}`, primaryDomain: { __typename: 'Domain', id: 'gid://shopify/Domain/98512345677', host: SHOP_DOMAIN, url: `https://${SHOP_DOMAIN}`, sslEnabled: true },
  taxesIncluded: true, weightUnit: 'KILOGRAMS', shopOwnerName: 'Comptoir Demo',
  // Its shipping zones: the EU, the UK, Switzerland, Norway, Monaco, Canada and the United States.
  shipsToCountries: [
    'AT', 'BE', 'BG', 'CA', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IE', 'IT',
    'LT', 'LU', 'LV', 'MC', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'US',
  ],
};

/** Indexes every object carrying a global id, however deep, for `node`/`nodes`. */
function indexNodes(roots: unknown[]): Map<string, GqlObject> {
  const nodes = new Map<string, GqlObject>();
  const seen = new Set<unknown>();
  const stack = [...roots];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) { stack.push(...value); continue; }
    const object = value as Record<string, unknown>;
    if (typeof object.id === 'string' && object.id.startsWith('gid://shopify/') && typeof object.__typename === 'string') {
      nodes.set(object.id, object as GqlObject);
    }
    stack.push(...Object.values(object));
  }
  return nodes;
}

/** The whole demo store as of `now`: same clock reading, same data, byte for byte; `extraOrders` copies after it. */
export function createSeed(now: Date, extraOrders = 0): Seed {
  const nextId = createIdSequence(ID_BASES);
  const catalog = buildCatalog(now, nextId);
  const reasonList = buildReturnReasons(nextId);
  const reasons = new Map(reasonList.map((r) => [String(r.handle), r]));
  const ctx = { now, nextId, catalog, reasons, customers: new Map<string, GqlObject>() };
  const orders: SeedOrder[] = [];
  const returnableFulfillments = new Map<string, GqlObject[]>();
  for (const spec of [...ORDER_SPECS, ...toExtraOrderSpecs(extraOrders)]) {
    const { order, returnable } = buildOrder(spec, ctx);
    orders.push(order);
    returnableFulfillments.set(order.id, returnable);
  }
  const nodes = indexNodes([catalog.products, reasonList, orders, [...returnableFulfillments.values()]]);
  return { shop: SHOP, orders, products: catalog.products, returnReasonDefinitions: reasonList, returnableFulfillments, nodes };
}

/** The demo orders people can look up in sandbox mode, with what each one shows. */
export function listDemoOrders(extraOrders = 0): DemoOrder[] {
  return [...ORDER_SPECS, ...toExtraOrderSpecs(extraOrders)].map((spec) => ({
    name: `#${spec.number}`,
    email: spec.email ?? CUSTOMERS[spec.customer].email,
    scenario: spec.scenario,
    description: spec.description,
    currency: spec.currency,
    country: CUSTOMERS[spec.customer].countryCodeV2,
  }));
}
