import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { parseEnv } from '~/env.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyOrderIdSource } from '~/integrations/shopify/simulation.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { DEFAULT_POLICY_FILE, loadPolicyFile, PolicyFileError } from '~/policy/load-policy.server';
import type { Policy } from '~/policy/policy-schema';
import { summarizeSimulation } from '~/policy/simulate/aggregate';
import { summarizeActions } from '~/policy/simulate/aggregate-actions';
import { diffActions, diffExchanges, diffSimulations } from '~/policy/simulate/diff';
import { createProgressBar } from '~/policy/simulate/progress-bar';
import { formatChanges, formatExchangeChanges, formatExchanges, formatSummary } from '~/policy/simulate/report';
import { formatActionChanges, formatActions } from '~/policy/simulate/report-actions';
import { runSimulation } from '~/policy/simulate/run-simulation';
import { getAssumedSelection } from '~/policy/simulate/simulate-order';
import { addDays, toZonedDate } from '~/policy/zoned-date';

/*
 * `npm run policy:simulate -- [--policy FILE] [--since YYYY-MM-DD] [--diff OTHER_FILE]`: what the
 * return policy would answer today for every order created since a date, read from the configured
 * store — in sandbox mode, the demo store's emulator started here on a loopback port.
 */
const USAGE = `Usage: npm run policy:simulate -- [--policy FILE] [--since YYYY-MM-DD] [--diff OTHER_FILE]
  --policy  the policy file to simulate (default: COMPTOIR_POLICY_FILE, else ${DEFAULT_POLICY_FILE})
  --since   orders created on or after this date, store calendar (default: 90 days ago)
  --diff    a second policy file: list the lines whose outcome changes from one to the other,
            and the orders whose cancellation or address change does`;
const DEFAULT_SINCE_DAYS = 90;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values: args } = (() => {
  try {
    return parseArgs({ options: { policy: { type: 'string' }, since: { type: 'string' }, diff: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (existsSync('.env')) process.loadEnvFile('.env');
const config = (() => {
  try {
    return parseEnv(process.env);
  } catch (error) {
    return fail((error as Error).message);
  }
})();

async function loadOrFail(path: string): Promise<Policy> {
  try {
    return await loadPolicyFile(path);
  } catch (error) {
    return fail(error instanceof PolicyFileError ? error.message : String(error));
  }
}

const policyFile = args.policy ?? config.policyFile;
const policies = [await loadOrFail(policyFile), ...(args.diff ? [await loadOrFail(args.diff)] : [])];
const now = new Date();
const since = args.since ?? addDays(toZonedDate(now, config.timeZone), -DEFAULT_SINCE_DAYS);
if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) fail(`--since must be a date such as 2026-01-31, not "${since}"\n${USAGE}`);

// As server.ts does: with no emulator configured, the sandbox mounts its own, here on an ephemeral port.
let emulator: Server | null = null;
let sandboxUrl = config.shopify.sandboxUrl;
if (config.sandbox && !sandboxUrl) {
  const { createShopifyEmulator, toEmulatorCredentials } = await import('~/sandbox/shopify/emulator.server');
  const { toNodeHandler } = await import('~/sandbox/node-http.server');
  const server = createServer(toNodeHandler(createShopifyEmulator(toEmulatorCredentials(config.shopify.auth)).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sandboxUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emulator = server;
}

const client = createShopifyGraphqlClient({ ...config.shopify, sandboxUrl });
// A report can wait for Shopify's bucket to refill, which a shopper's page cannot.
const gate = createThrottleGate({ maxWaitMs: 60_000 });
const progress = createProgressBar(process.stderr);
try {
  const run = await runSimulation({
    orderIds: createShopifyOrderIdSource({ client, gate }),
    contexts: createShopifyReturns({ client, gate }),
    catalog: createShopifyCatalogSource({ client, gate }),
    orders: createShopifyOrderSource({ client, gate }),
    policies, since, now, timeZone: config.timeZone,
    onProgress: progress.update,
  });
  progress.finish();
  const [base, other] = run.results;
  const [baseActions, otherActions] = run.actions ?? [];
  const store = config.sandbox ? `${config.shopify.shopDomain} (sandbox)` : config.shopify.shopDomain;
  console.log(`Return policy simulation, ${store}, as if asked on ${toZonedDate(now, config.timeZone)} (${config.timeZone})`);
  console.log(`Orders created since ${since}: ${run.orderCount}. Customer history taken as empty (no "previous returns" reviews).\n`);
  console.log(`Policy ${policyFile} (version ${policies[0]!.version})`);
  const baseSummary = summarizeSimulation(base!, policies[0]!);
  console.log([...formatSummary(baseSummary, getAssumedSelection(policies[0]!)), ...formatExchanges(baseSummary)].join('\n'));
  console.log(formatActions(summarizeActions(baseActions!, policies[0]!)).join('\n'));
  if (other && args.diff) {
    console.log(`\nPolicy ${args.diff} (version ${policies[1]!.version})`);
    const otherSummary = summarizeSimulation(other, policies[1]!);
    console.log([...formatSummary(otherSummary, getAssumedSelection(policies[1]!)), ...formatExchanges(otherSummary)].join('\n'));
    console.log(formatActions(summarizeActions(otherActions!, policies[1]!)).join('\n'));
    const changes = diffSimulations(base!, other);
    console.log(`\nLines whose outcome changes from ${policyFile} to ${args.diff}: ${changes.length}`);
    console.log(formatChanges(changes).join('\n'));
    const exchangeChanges = diffExchanges(base!, other);
    console.log(`\nLines whose exchange changes from ${policyFile} to ${args.diff}: ${exchangeChanges.length}`);
    console.log(formatExchangeChanges(exchangeChanges).join('\n'));
    const actionChanges = diffActions(baseActions!, otherActions!);
    console.log(`\nOrders decided differently for cancelling or changing the address, from ${policyFile} to ${args.diff}: ${actionChanges.length}`);
    console.log(formatActionChanges(actionChanges).join('\n'));
  }
} catch (error) {
  progress.finish();
  console.error(`The simulation stopped: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  emulator?.close();
}
