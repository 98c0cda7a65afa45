import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';

/*
 * The Admin API caller's throttle handling, against an emulator whose bucket is small: one document
 * whose cost depends on its variables (the exchange catalog, 252 points alone, 866 with the other
 * products) must wait for room rather than fail when its dear form follows its cheap one. Its own
 * file: the library's fetch goes to one emulator per process.
 */

const SHOP = 'admin-caller.myshopify.com';
const TOKEN = 'shpat_admincaller';
let server: Server;
let url: string;
const client = () => createShopifyGraphqlClient({ shopDomain: SHOP, auth: { kind: 'admin-token', adminToken: TOKEN }, apiSecret: 'x'.repeat(32), sandboxUrl: url });
const stats = async () => (await (await fetch(`${url}/__sandbox/shopify/stats`, { headers: { Accept: 'application/json' } })).json()) as { requests: number };

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN, bucket: { maximumAvailable: 900, restoreRate: 100 } }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the Admin API caller under a small bucket', () => {
  it('waits for room when a query costs more with other variables than it did, and asks once more instead of failing', async () => {
    const answer = await client().request('query ComptoirTestProducts { products(first: 50, query: "status:active") { nodes { id title } } }', {});
    const id = (answer.data as { products: { nodes: { id: string; title: string }[] } }).products.nodes.find((node) => node.title === 'Marinière Saint-Malo')!.id;
    const catalog = createShopifyCatalogSource({ client: client() });
    expect((await catalog.exchangeCatalog({ id, productType: 'Tops' }, 'none')).others).toEqual([]);
    const before = (await stats()).requests;
    const dear = await catalog.exchangeCatalog({ id, productType: 'Tops' }, 'product-type');
    expect(dear.others.map((product) => product.title)).toEqual(['Polo Marin']);
    // Refused once for want of room (Shopify named the cost), then answered.
    expect((await stats()).requests - before).toBe(2);
  });
});
