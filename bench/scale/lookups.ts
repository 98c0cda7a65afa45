import { load } from '../load';
import { formPass, lookUp, type DemoOrder } from './shopper';

/*
 * Throughput through one portal and through two, against the one store:
 * - lookups, which each ask Shopify, against a cost bucket kept small enough to be the limit: do
 *   two portals together get more out of one bucket than one, and how many shoppers are told to
 *   try again (503) when they share it;
 * - the order page of a signed-in shopper, which asks nobody (cached): what a second process adds.
 */
export type LookupFigure = { portals: number; seconds: number; ok: number; tryAgain: number; other: number; shopifyCalls: number };
export type PageFigure = { portals: number; rps: number; requests: number; unexpected: number };

const shopifyRequests = async (shopifyUrl: string) =>
  ((await (await fetch(`${shopifyUrl}/__sandbox/shopify/stats`)).json()) as { requests: number }).requests;

/** `orders.length` shoppers, each looking their own order up again and again, spread over `portals`. */
export async function measureLookups(portals: string[], orders: DemoOrder[], seconds: number, shopifyUrl: string): Promise<LookupFigure> {
  const passes = await Promise.all(orders.map((_, i) => formPass(portals[i % portals.length]!)));
  const callsBefore = await shopifyRequests(shopifyUrl);
  const figure: LookupFigure = { portals: portals.length, seconds, ok: 0, tryAgain: 0, other: 0, shopifyCalls: 0 };
  const end = performance.now() + seconds * 1000;
  await Promise.all(orders.map(async (order, i) => {
    while (performance.now() < end) {
      const { status } = await lookUp(portals[i % portals.length]!, passes[i]!, order);
      if (status === 302) figure.ok += 1;
      else if (status === 503) figure.tryAgain += 1;
      else figure.other += 1;
    }
  }));
  figure.shopifyCalls = (await shopifyRequests(shopifyUrl)) - callsBefore;
  return figure;
}

/** The order page under load, the connections spread over `portals`; totals over all of them. */
export async function measureOrderPage(portals: string[], cookie: string, seconds: number, connections: number): Promise<PageFigure> {
  const results = await Promise.all(portals.map((portal) =>
    load(`order page on ${portal}`, { url: `${portal}/order`, headers: { Cookie: cookie }, seconds, connections: Math.max(1, Math.round(connections / portals.length)) })));
  return {
    portals: portals.length,
    rps: results.reduce((sum, result) => sum + result.rps, 0),
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    unexpected: results.reduce((sum, result) => sum + result.errors + result.non2xx, 0),
  };
}
