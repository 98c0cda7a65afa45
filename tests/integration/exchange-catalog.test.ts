import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import { offerExchange } from '~/policy/exchange-options';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';

/*
 * The exchange catalog read from the Shopify emulator (the real 2026-10 schema executes the query)
 * and handed to the exchange engine with the demo policy: the Marinière's other sizes and colours,
 * its sold-out ones disabled, and the other tops within 20 % of its price.
 */

const SHOP = 'exchange-catalog.myshopify.com';
const TOKEN = 'shpat_exchangecatalog';
let server: Server;
let url: string;
let policy: Policy;
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: { kind: 'admin-token', adminToken: TOKEN }, apiSecret: 'x'.repeat(32), sandboxUrl: url });
const stats = async () => (await (await fetch(`${url}/__sandbox/shopify/stats`, { headers: { Accept: 'application/json' } })).json()) as { requests: number; requestedCost: number; operations: Record<string, number> };

async function productIdOf(title: string): Promise<string> {
  const answer = await client().request(`#graphql
    query ComptoirTestProducts { products(first: 50, query: "status:active") { nodes { id title } } }`, {});
  const nodes = (answer.data as { products: { nodes: { id: string; title: string }[] } }).products.nodes;
  return nodes.find((node) => node.title === title)!.id;
}

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the exchange catalog from Shopify', () => {
  it('reads a product and the other products of its type in one call, with stock, and keeps it briefly', async () => {
    const catalog = createShopifyCatalogSource({ client: client() });
    const id = await productIdOf('Marinière Saint-Malo');
    const before = await stats();
    const found = await catalog.exchangeCatalog({ id, productType: 'Tops' }, 'product-type');
    const after = await stats();
    expect(after.requests - before.requests).toBe(1);
    const cost = after.requestedCost - before.requestedCost;
    console.info(`exchange catalog: one call, ${cost} requested points`);
    expect(cost).toBeLessThan(1000);

    expect(found.product).toMatchObject({ id, title: 'Marinière Saint-Malo', productType: 'Tops' });
    const soldOut = found.product!.variants.find((variant) => variant.title === 'XS / Navy')!;
    expect(soldOut).toMatchObject({ available: 0, availableForSale: false, price: { amount: '45.00', currencyCode: 'EUR' } });
    expect(found.product!.variants.filter((variant) => (variant.available ?? 0) > 0).length).toBeGreaterThan(4);
    expect(found.others.map((product) => product.title)).toEqual(['Polo Marin']);
    // Each size and colour carries the picture of its colour; another product, its own picture.
    const colourPicture = (title: string) => found.product!.variants.find((variant) => variant.title === title)?.image;
    expect(colourPicture('L / Navy')).toMatchObject({ url: expect.stringMatching(/\/__sandbox\/images\/.+\.svg$/), altText: expect.stringMatching(/navy/i) });
    expect(colourPicture('L / Navy')?.url).toBe(colourPicture('S / Navy')?.url);
    expect(colourPicture('L / Navy')?.url).not.toBe(found.product!.variants.find((variant) => !variant.title.endsWith('Navy'))?.image?.url);
    expect(found.others[0]!.variants.every((variant) => variant.image?.url)).toBe(true);

    const beret = await productIdOf('Béret en Laine');
    const accessories = await catalog.exchangeCatalog({ id: beret, productType: 'Accessories' }, 'product-type');
    expect(accessories.others.map((product) => product.title).sort()).toEqual(['Bandana Marin', 'Foulard en Soie']);
    expect(accessories.others.every((product) => product.productType === 'Accessories')).toBe(true);
    const everything = await catalog.exchangeCatalog({ id: beret, productType: 'Accessories' }, 'any');
    // The query's first 12 active products, less the béret itself (the demo store has 14).
    expect(everything.others.length).toBe(11);
    const calls = (await stats()).requests;
    await catalog.exchangeCatalog({ id, productType: 'Tops' }, 'product-type');
    expect((await stats()).requests).toBe(calls);
    expect(await catalog.exchangeCatalog({ id, productType: 'Tops' }, 'none')).toMatchObject({ others: [] });
  });

  it('gives the exchange engine what it needs: other sizes and colours, sold-out ones disabled, the last unit flagged, another top with a difference to pay', async () => {
    const catalog = createShopifyCatalogSource({ client: client() });
    const id = await productIdOf('Marinière Saint-Malo');
    const { product, others } = await catalog.exchangeCatalog({ id, productType: 'Tops' }, policy.exchanges!.acrossProducts.among);
    const returned = product!.variants.find((variant) => variant.title === 'M / Navy')!;
    const offer = offerExchange(policy, { productId: id, variantId: returned.id, unitPrice: returned.price, quantity: 1, reasonId: 'size-too-small' }, [product!, ...others]);
    if (!offer.offered) throw new Error(offer.refusal.key);
    const titles = offer.sameProduct.map((option) => option.variantTitle);
    expect(titles).not.toContain('M / Navy');
    expect(offer.sameProduct.find((option) => option.variantTitle === 'XS / Navy')).toMatchObject({ available: false, unavailable: { key: 'policy:exchange.soldOut' } });
    expect(offer.sameProduct.find((option) => option.variantTitle === 'L / Navy')).toMatchObject({ available: true, difference: { settle: 'none' } });
    expect(offer.sameProduct.find((option) => option.variantTitle === 'XL / Navy')).toMatchObject({ available: true, stock: { state: 'low', left: 1 } });
    // The Polo Marin (€49) is within 20 % of the Marinière (€45): €4 to pay, by invoice.
    expect(offer.otherProducts.find((option) => option.productTitle === 'Polo Marin' && option.variantTitle === 'M / Navy')).toMatchObject({
      available: true, difference: { settle: 'invoice', amount: { amount: '4.00', currencyCode: 'EUR' } },
    });
  });

  it('answers null for a product the shop no longer has', async () => {
    const catalog = createShopifyCatalogSource({ client: client() });
    expect(await catalog.exchangeCatalog({ id: 'gid://shopify/Product/999999999', productType: 'Tops' }, 'product-type')).toMatchObject({ product: null });
  });
});
