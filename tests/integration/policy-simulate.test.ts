import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyOrderIdSource } from '~/integrations/shopify/simulation.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { DEFAULT_POLICY_FILE, loadPolicyFile, parsePolicy } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import { summarizeSimulation } from '~/policy/simulate/aggregate';
import { summarizeActions } from '~/policy/simulate/aggregate-actions';
import { diffActions, diffExchanges, diffSimulations } from '~/policy/simulate/diff';
import { runSimulation } from '~/policy/simulate/run-simulation';
import { addDays, toZonedDate } from '~/policy/zoned-date';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';

/**
 * The simulation over the demo store: the real adapters through @shopify/shopify-api, the
 * emulator over HTTP on its own port, the sample policy and a copy with a 60-day window.
 */
const SHOP = 'simulate-test.myshopify.com';
const TOKEN = 'shpat_simulatetest';
const TIME_ZONE = 'Europe/Paris';

let server: Server;
let baseUrl: string;
let sample: Policy;
let sixtyDays: Policy;
let demo: { name: string; scenario: string }[];

const control = async (path: string, body?: unknown) => {
  const init = body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(`${baseUrl}${path}`, init)).json();
};

function simulate(policies: Policy[], since: string, now = new Date()) {
  const client = createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
  const gate = createThrottleGate({ maxWaitMs: 60_000 });
  const progress: [number, number][] = [];
  const run = runSimulation({
    orderIds: createShopifyOrderIdSource({ client, gate }), contexts: createShopifyReturns({ client, gate }),
    orders: createShopifyOrderSource({ client, gate }), policies, since, now, timeZone: TIME_ZONE, onProgress: (done, total) => progress.push([done, total]),
  });
  return run.then((result) => ({ ...result, progress }));
}

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sample = await loadPolicyFile(DEFAULT_POLICY_FILE);
  const text = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
  expect(text).toMatch(/^ {2}days: 30$/m);
  sixtyDays = parsePolicy(text.replace(/^ {2}days: 30$/m, '  days: 60'), 'sixty-days.policy.yaml');
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await control('/__sandbox/shopify/reset', {});
});

describe('policy simulation over the demo store', () => {
  const longAgo = () => addDays(toZonedDate(new Date(), TIME_ZONE), -365);

  it('reads every order once, whatever the number of policies, and decides every returnable line', async () => {
    const run = await simulate([sample, sixtyDays], longAgo());
    expect(run.orderCount).toBe(demo.length);
    expect(run.results.map((orders) => orders.length)).toEqual([demo.length, demo.length]);
    expect(run.progress.at(-1)).toEqual([demo.length, demo.length]);
    const stats = await control('/__sandbox/shopify/stats');
    expect(stats.operations).toEqual({ ComptoirSimulationOrders: 1, ComptoirReturnContext: demo.length, ComptoirOrderById: demo.length });
    expect(run.actions!.map((orders) => orders.length)).toEqual([demo.length, demo.length]);

    const summary = summarizeSimulation(run.results[0]!, sample);
    expect(summary.lines.total).toBe(summary.lines.eligible + summary.lines.needs_review + summary.lines.not_eligible);
    expect(summary.lines.eligible).toBeGreaterThan(0);
    expect(summary.refusalsByClause.map((c) => c.clauseId)).toEqual(expect.arrayContaining(['2.1', '3.2']));
    expect(summary.money.map((m) => m.currencyCode)).toEqual(['CAD', 'EUR', 'USD']);
  });

  it('--diff: the delivery of 45 days ago goes from refused to eligible with a 60-day window', async () => {
    const run = await simulate([sample, sixtyDays], longAgo());
    const longAgoOrder = demo.find((order) => order.scenario === 'delivered-long-ago')!;
    const changes = diffSimulations(run.results[0]!, run.results[1]!);
    expect(changes).toContainEqual(expect.objectContaining({
      orderName: longAgoOrder.name, before: 'not_eligible', after: 'eligible', clauseIds: ['2.1'],
    }));
    expect(changes.every((change) => change.clauseIds.includes('2.1') && change.after !== 'not_eligible')).toBe(true);
  });

  it('counts what an exchange could give each returnable line from the store’s stock, and --diff shows what a policy without cross-product exchanges takes away', async () => {
    const text = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
    const sizesOnly = parsePolicy(text.replace(/acrossProducts: \{ among: product-type, priceRangePercent: 20 \}/, 'acrossProducts: { among: none }'), 'sizes-only.policy.yaml');
    expect(sizesOnly.exchanges!.acrossProducts.among).toBe('none');
    // The Marinière's every size and colour sold but the one returned: only the Polo is left to exchange for.
    const sold = ['XS', 'S', 'L', 'XL'].flatMap((size) => [`MAR-NAV-${size}`, `MAR-RED-${size}`]).concat('MAR-RED-M');
    for (const sku of sold) await control('/__sandbox/shopify/inventory', { sku, available: 0 });
    const client = createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
    const gate = createThrottleGate({ maxWaitMs: 60_000 });
    const run = await runSimulation({
      orderIds: createShopifyOrderIdSource({ client, gate }), contexts: createShopifyReturns({ client, gate }), catalog: createShopifyCatalogSource({ client, gate }),
      policies: [sample, sizesOnly], since: longAgo(), now: new Date(), timeZone: TIME_ZONE,
    });
    const withPolo = summarizeSimulation(run.results[0]!, sample).exchanges!;
    const without = summarizeSimulation(run.results[1]!, sizesOnly).exchanges!;
    expect(withPolo.other_product).toBeGreaterThan(0);
    expect(without.other_product).toBe(0);
    expect(without.sold_out - withPolo.sold_out).toBe(withPolo.other_product);
    const changes = diffExchanges(run.results[0]!, run.results[1]!);
    expect(changes.length).toBe(withPolo.other_product);
    expect(changes.every((change) => change.title === 'Marinière Saint-Malo' && change.before === 'other_product' && change.after === 'sold_out')).toBe(true);
  });

  it('decides cancellation, address change and problem reports on every order: the fresh orders at once, the one above the value limit for review, none once shipped', async () => {
    const run = await simulate([sample], longAgo());
    const actions = run.actions![0]!;
    const named = (name: string) => actions.find((order) => order.orderName === name)!;
    const names = (scenario: string) => demo.filter((order) => order.scenario === scenario).map((order) => order.name).sort();
    expect(names('ready-to-cancel')).toEqual(['#1043', '#1044', '#1045', '#1046']);
    for (const name of names('ready-to-cancel')) {
      expect(named(name)).toMatchObject({ cancellation: { verdict: 'instant' }, addressChange: { verdict: 'offered' } });
    }
    expect(named('#1047').cancellation).toEqual({ verdict: 'review', reasons: [{ clauseId: '8.1', key: 'policy:cancellation.review.orderValue' }] });
    expect(named('#1003').cancellation).toEqual({ verdict: 'refused', reason: { clauseId: '8.1', key: 'policy:cancellation.refusal.shipped' } });
    expect(named('#1003').addressChange).toEqual({ verdict: 'refused', reason: { clauseId: '9.1', key: 'policy:addressChange.refusal.shipped' } });
    const failed = named('#1028').parcels.flatMap((parcel) => parcel.problems).find((problem) => problem.type === 'not_received');
    expect(failed).toEqual({ type: 'not_received', offered: true, outcome: 'reship', clauseId: '10.2' });

    const summary = summarizeActions(actions, sample);
    const cancellation = summary.cancellation!;
    expect(cancellation.instant + cancellation.review + cancellation.refused).toBe(demo.length);
    expect(cancellation.instant).toBe(actions.filter((order) => order.cancellation.verdict === 'instant').length);
    expect(cancellation.instant).toBeGreaterThanOrEqual(4);
    expect(cancellation.reviews).toContainEqual({ clauseId: '8.1', title: 'Cancel within 12 hours', reason: 'orderValue', count: 1 });
    expect(cancellation.refusals[0]).toMatchObject({ clauseId: '8.1', reason: 'shipped' });
    expect(summary.addressChange!.offered).toBeGreaterThanOrEqual(5);
    expect(summary.problems!.byType.not_received.reship).toBeGreaterThanOrEqual(1);
    expect(summary.problems!.parcels).toBe(actions.reduce((sum, order) => sum + order.parcels.length, 0));
  });

  it('--diff: with a €30 value limit the orders cancellable at once go to review, and no address change moves', async () => {
    const text = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
    const limit = /maxValue: \{ EUR: "300\.00", CAD: "450\.00", USD: "330\.00" \}/;
    expect(text).toMatch(limit);
    const strict = parsePolicy(text.replace(limit, 'maxValue: { EUR: "30.00", CAD: "45.00", USD: "33.00" }'), 'strict.policy.yaml');
    const run = await simulate([sample, strict], longAgo());
    const changes = diffActions(run.actions![0]!, run.actions![1]!);
    const instant = run.actions![0]!.filter((order) => order.cancellation.verdict === 'instant').map((order) => order.orderName);
    expect(instant).toEqual(expect.arrayContaining(['#1043', '#1044', '#1045', '#1046']));
    expect(changes.map((change) => change.orderName).sort()).toEqual([...instant].sort());
    expect(changes.every((change) => change.action === 'cancellation' && change.before === 'instant' && change.after === 'review'
      && change.reasons.some((reason) => reason.key === 'policy:cancellation.review.orderValue'))).toBe(true);
  });

  it('reads only the orders created since the date given', async () => {
    const since = addDays(toZonedDate(new Date(), TIME_ZONE), -5);
    const run = await simulate([sample], since);
    expect(run.orderCount).toBeGreaterThan(0);
    expect(run.orderCount).toBeLessThan(demo.length);
    expect(run.results[0]!.map((order) => order.orderName)).not.toContain(demo.find((o) => o.scenario === 'delivered-long-ago')!.name);
  });
});
