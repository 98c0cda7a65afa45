import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resources } from '~/i18n';
import { exchangeShipsWhen, offerExchange, type CatalogProduct, type CatalogVariant, type ExchangedLine, type ExchangeOption } from './exchange-options';
import { toMinorUnits } from './money';
import { PolicyFileSchema, type Policy } from './policy-schema';
import { buildPolicy } from './test-fixtures';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const variant = (id: string, price: string, available: number | null, availableForSale = true): CatalogVariant => ({ id, title: id, price: eur(price), available, availableForSale });

/** The demo's Marinière: M is being returned; S sold out, L in stock, XL down to its last unit. */
const mariniere: CatalogProduct = {
  id: 'gid://shopify/Product/1', title: 'Marinière Saint-Malo', productType: 'Tops', collectionIds: ['gid://shopify/Collection/breton'],
  variants: [variant('S / Navy', '45.00', 0), variant('M / Navy', '45.00', 7), variant('L / Navy', '45.00', 4), variant('XL / Navy', '45.00', 1)],
};
const polo: CatalogProduct = {
  id: 'gid://shopify/Product/2', title: 'Polo', productType: 'Tops', collectionIds: [],
  variants: [variant('Polo M', '49.00', 10), variant('Polo Luxe M', '59.00', 10), variant('Polo Promo M', '39.00', 10)],
};
const trousers: CatalogProduct = { id: 'gid://shopify/Product/3', title: 'Chino', productType: 'Trousers', collectionIds: ['gid://shopify/Collection/breton'], variants: [variant('Chino 40', '45.00', 10)] };
const catalog = [mariniere, polo, trousers];
const returned: ExchangedLine = { productId: mariniere.id, variantId: 'M / Navy', unitPrice: eur('45.00'), quantity: 1, reasonId: 'size-too-small' };

const offered = (policy: Policy, line = returned, products = catalog) => {
  const offer = offerExchange(policy, line, products);
  if (!offer.offered) throw new Error(`no exchange offered: ${offer.refusal.key}`);
  return offer;
};
const byVariant = (options: ExchangeOption[]) => Object.fromEntries(options.map((o) => [o.variantId, o]));

describe('offerExchange', () => {
  it('offers the other sizes of the same product: sold-out shown but disabled, the last unit flagged, the returned size left out', () => {
    const { sameProduct, clauseId } = offered(buildPolicy());
    expect(clauseId).toBe('5.5');
    const options = byVariant(sameProduct);
    expect(Object.keys(options)).toEqual(['S / Navy', 'L / Navy', 'XL / Navy']);
    expect(options['S / Navy']).toMatchObject({ available: false, stock: { state: 'sold_out', left: 0 }, unavailable: { key: 'policy:exchange.soldOut', clauseId: '5.5' } });
    expect(options['L / Navy']).toMatchObject({ available: true, stock: { state: 'in_stock', left: 4 }, difference: { settle: 'none', amount: eur('0.00') } });
    expect(options['XL / Navy']).toMatchObject({ available: true, stock: { state: 'low', left: 1 } });
  });

  it('needs as many units left as are returned', () => {
    const { sameProduct } = offered(buildPolicy(), { ...returned, quantity: 2 });
    expect(byVariant(sameProduct)['XL / Navy']).toMatchObject({ available: false, unavailable: { key: 'policy:exchange.notEnoughLeft' } });
    expect(byVariant(sameProduct)['L / Navy']!.available).toBe(true);
  });

  it('offers other products of the same type within the price range, with the difference settled both ways', () => {
    const { otherProducts, acrossRefusal } = offered(buildPolicy());
    const options = byVariant(otherProducts);
    // 45.00 ± 20 % is 36.00–54.00: the 59.00 polo is out of range, the chino is another type.
    expect(Object.keys(options)).toEqual(['Polo M', 'Polo Promo M']);
    expect(options['Polo M']!.difference).toEqual({ settle: 'invoice', amount: eur('4.00') });
    expect(options['Polo Promo M']!.difference).toEqual({ settle: 'refund', amount: eur('6.00') });
    expect(acrossRefusal).toBeNull();
  });

  it('follows the policy: no other product, a dearer one not offered, a cheaper one as store credit or kept', () => {
    const none = offered(buildPolicy((p) => { p.exchanges!.acrossProducts.among = 'none'; }));
    expect(none.otherProducts).toEqual([]);
    expect(none.acrossRefusal).toEqual({ key: 'policy:exchange.acrossNotOffered', clauseId: '5.5' });

    const strict = byVariant(offered(buildPolicy((p) => { p.exchanges!.priceDifference = { higher: 'not-offered', lower: 'store-credit' }; })).otherProducts);
    expect(strict['Polo M']).toMatchObject({ available: false, unavailable: { key: 'policy:exchange.dearerNotOffered' } });
    expect(strict['Polo Promo M']!.difference.settle).toBe('store_credit');

    const kept = byVariant(offered(buildPolicy((p) => { p.exchanges!.priceDifference.lower = 'kept'; })).otherProducts);
    expect(kept['Polo Promo M']!.difference).toEqual({ settle: 'kept', amount: eur('6.00') });

    const byCollection = offered(buildPolicy((p) => { p.exchanges!.acrossProducts = { among: 'collection', priceRangePercent: 0 }; }));
    expect(byCollection.otherProducts.map((o) => o.variantId)).toEqual(['Chino 40']);
  });

  it('offers nothing where the policy or the reason does not, and says why', () => {
    expect(offerExchange(buildPolicy((p) => { delete p.exchanges; }), returned, catalog)).toMatchObject({ offered: false, refusal: { key: 'policy:exchange.notOffered' } });
    expect(offerExchange(buildPolicy(), { ...returned, reasonId: 'changed-mind' }, catalog)).toMatchObject({ offered: false, refusal: { key: 'policy:exchange.notForReason', clauseId: '5.3' } });
    expect(offerExchange(buildPolicy(), returned, [polo])).toMatchObject({ offered: false, refusal: { key: 'policy:exchange.productGone' } });
  });

  it('treats an untracked variant as available and one Shopify will not sell as sold out', () => {
    const product = { ...mariniere, variants: [variant('M / Navy', '45.00', 3), variant('L / Navy', '45.00', null), variant('XL / Navy', '45.00', null, false), variant('XXL / Navy', '45.00', 5, false)] };
    const options = byVariant(offered(buildPolicy(), returned, [product]).sameProduct);
    expect(options['L / Navy']).toMatchObject({ available: true, stock: { state: 'untracked', left: null } });
    expect(options['XL / Navy']).toMatchObject({ available: false, stock: { state: 'sold_out' } });
    expect(options['XXL / Navy']).toMatchObject({ available: false, stock: { state: 'sold_out', left: 0 } });
  });

  it('offers an order paid in another currency the sizes the shop prices like the one bought, at no difference, and nothing it cannot compare', () => {
    const dearerXl = { ...mariniere, variants: [...mariniere.variants.filter((v) => v.id !== 'XL / Navy'), variant('XL / Navy', '50.00', 3)] };
    const cad: ExchangedLine = { ...returned, unitPrice: { amount: '67.50', currencyCode: 'CAD' } };
    const { sameProduct, otherProducts } = offered(buildPolicy(), cad, [dearerXl, polo, trousers]);
    expect(Object.keys(byVariant(sameProduct))).toEqual(['S / Navy', 'L / Navy']);
    expect(byVariant(sameProduct)['L / Navy']).toMatchObject({ available: true, difference: { settle: 'none', amount: { amount: '0.00', currencyCode: 'CAD' } } });
    expect(otherProducts).toEqual([]);
  });

  it('has every refusal it gives in both languages', () => {
    for (const language of ['en', 'fr'] as const) {
      const policy = resources[language].policy as { exchange: Record<string, string> };
      for (const key of ['notOffered', 'notForReason', 'productGone', 'soldOut', 'notEnoughLeft', 'dearerNotOffered', 'acrossNotOffered', 'noOtherProduct']) {
        expect(policy.exchange[key], `${language} ${key}`).toBeTruthy();
      }
    }
  });
});

describe('offerExchange, properties', () => {
  const money = fc.integer({ min: 0, max: 50_000 }).map((minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`);
  const variantArb = (id: string) => fc.record({
    id: fc.constant(id), title: fc.constant(id), price: money.map(eur),
    available: fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 8 })), availableForSale: fc.boolean(),
  });
  const productArb = (n: number) => fc.record({
    id: fc.constant(`gid://shopify/Product/${n}`), title: fc.constant(`P${n}`), productType: fc.constantFrom('Tops', 'Trousers', null),
    collectionIds: fc.subarray(['a', 'b']), variants: fc.tuple(variantArb(`${n}-1`), variantArb(`${n}-2`), variantArb(`${n}-3`)).map((v) => [...v]),
  });
  const policyArb = fc.record({
    among: fc.constantFrom('none', 'product-type', 'collection', 'any'), range: fc.integer({ min: 0, max: 100 }),
    higher: fc.constantFrom('invoice', 'not-offered'), lower: fc.constantFrom('refund', 'store-credit', 'kept'), lowStockAt: fc.integer({ min: 0, max: 5 }),
  }).map((rules) => buildPolicy((p) => {
    p.exchanges = { ...p.exchanges!, acrossProducts: { among: rules.among, priceRangePercent: rules.range }, priceDifference: { higher: rules.higher, lower: rules.lower }, lowStockAt: rules.lowStockAt };
  }));
  const caseArb = fc.record({
    policy: policyArb, products: fc.tuple(productArb(1), productArb(2), productArb(3)).map((p) => [...p]),
    paid: money, quantity: fc.integer({ min: 1, max: 4 }), returnedIndex: fc.integer({ min: 0, max: 2 }),
  });

  it('never offers as available a variant without enough stock, never settles a negative amount, and answers the same twice', () => {
    fc.assert(fc.property(caseArb, ({ policy, products, paid, quantity, returnedIndex }) => {
      const product = products[0]!;
      const line: ExchangedLine = { productId: product.id, variantId: product.variants[returnedIndex]!.id, unitPrice: eur(paid), quantity, reasonId: 'size-too-small' };
      const offer = offerExchange(policy, line, products);
      expect(offerExchange(policy, line, products)).toEqual(offer);
      if (!offer.offered) return;
      for (const option of [...offer.sameProduct, ...offer.otherProducts]) {
        const source = products.flatMap((p) => p.variants).find((v) => v.id === option.variantId)!;
        if (option.available) {
          expect(source.availableForSale || source.available === null).toBe(true);
          if (source.available !== null) expect(source.available).toBeGreaterThanOrEqual(quantity);
        }
        expect(toMinorUnits(option.difference.amount.amount, 'EUR')).toBeGreaterThanOrEqual(0);
        expect(option.variantId).not.toBe(line.variantId);
      }
      for (const option of offer.otherProducts) {
        const gap = Math.abs(toMinorUnits(option.price.amount, 'EUR') - toMinorUnits(paid, 'EUR'));
        expect(gap).toBeLessThanOrEqual(Math.floor((toMinorUnits(paid, 'EUR') * policy.exchanges!.acrossProducts.priceRangePercent) / 100));
      }
    }));
  });
});

describe('exchangeShipsWhen', () => {
  const exchanges = buildPolicy().exchanges!;
  it('ships at once under the instant limit in the order’s currency, otherwise once the return travels', () => {
    expect(exchangeShipsWhen(exchanges, eur('149.99'), 'EUR')).toBe('now');
    expect(exchangeShipsWhen(exchanges, eur('150.00'), 'EUR')).toBe('in_transit');
    expect(exchangeShipsWhen(exchanges, { amount: '10.00', currencyCode: 'JPY' }, 'EUR')).toBe('in_transit');
    expect(exchangeShipsWhen({ ...exchanges, ship: { when: 'received' } }, eur('1.00'), 'EUR')).toBe('received');
    expect(exchangeShipsWhen({ ...exchanges, ship: { when: 'in-transit' } }, eur('1.00'), 'EUR')).toBe('in_transit');
  });

  it('refuses an instant exchange without its limit when the policy loads', () => {
    const { version: _version, ...loaded } = buildPolicy();
    const file = { ...loaded, exchanges: { clause: '5.5', ship: { when: 'instant' } } };
    const parsed = PolicyFileSchema.safeParse(file);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['exchanges.ship.instantBelow']);
  });
});
