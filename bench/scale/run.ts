import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureDrain, type DrainFigure } from './drain';
import { checkInvariants } from './invariants';
import { measureLookups, measureOrderPage, type LookupFigure, type PageFigure } from './lookups';
import { startObserver } from './observer';
import { readScaleOptions, type ScaleOptions } from './options';
import { printReport } from './report';
import { checkNoStaleOffer, checkSharedLookupCap, checkSharedSessions, type Check, type SentCase } from './shared-state';
import { listOrders, signIn } from './shopper';
import { startTopology } from './topology';

/*
 * `npm run bench:scale [-- --short]`: many portals, many workers, one store, on one PostgreSQL.
 * Checks what must hold however many processes there are (see shared-state.ts, invariants.ts) and
 * prints what a second portal or worker changes (lookups.ts, drain.ts). Exits 1 when a check fails.
 *
 * The full run: one worker drains a batch of returns, then two drain another, then one of two is
 * killed (SIGKILL) while their jobs run. The short run starts both workers at once and only does
 * the kill, with `quick` recovery (options.ts).
 */
export type ScaleReport = {
  options: ScaleOptions;
  lookups: LookupFigure[];
  orderPage: PageFigure[];
  /** Return sent through portal A → portal B stops offering the unit, in ms (null: still offered after 5 s). */
  propagationMs: (number | null)[];
  drains: DrainFigure[];
  checks: Check[];
  seconds: number;
};

const ORDER_PAGE_CONNECTIONS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runScale(options: ScaleOptions, log: (line: string) => void = () => {}): Promise<ScaleReport> {
  const began = performance.now();
  const topology = await startTopology(options, options.short ? 2 : 1);
  const observer = await startObserver(topology.databaseUrl, options.recovery).catch(async (error) => {
    await topology.close();
    throw error;
  });
  log(`started: 3 emulators, 2 portals, ${topology.workers().length} worker(s) in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  try {
    await observer.shortenRecovery();
    // Each return and each lookup shopper gets an order of its own (#9001…, two units each).
    const orders = (await listOrders(topology.shopifyUrl)).filter((order) => order.name.startsWith('#9'));
    const take = (n: number) => orders.splice(0, n);
    const portals = topology.portals.map((portal) => portal.url) as [string, string];
    const sent: SentCase[] = [];
    const checks: Check[] = [];
    const drainTimeout = options.drainTimeoutSeconds * 1000;
    // The bucket back to full after a figure that emptied it.
    const refill = () => sleep((options.shopifyBucketMax / options.shopifyRestoreRate) * 1000 + 500);

    checks.push(await checkSharedSessions(portals, take(1)[0]!));
    checks.push(await checkSharedLookupCap(portals, take(1)[0]!, options.orderMax));
    const staleOffer = await checkNoStaleOffer(portals, take(options.short ? 3 : 5));
    checks.push(staleOffer.check);
    sent.push(...staleOffer.sent);
    await observer.waitDrained(drainTimeout);
    log('shared state checked');

    const shoppers = take(options.lookupConnections);
    const lookups: LookupFigure[] = [];
    for (const group of [[portals[0]], portals]) {
      await refill();
      lookups.push(await measureLookups(group, shoppers, options.lookupSeconds, topology.shopifyUrl));
    }
    const cookie = await signIn(portals[0], shoppers[0]!);
    const orderPage: PageFigure[] = [];
    for (const group of [[portals[0]], portals]) orderPage.push(await measureOrderPage(group, cookie, options.lookupSeconds, ORDER_PAGE_CONNECTIONS));
    log('lookups and order pages measured');

    const drains: DrainFigure[] = [];
    const unsent: string[] = [];
    const drain = async (submissions: number, kill: boolean) => {
      await refill();
      const result = await measureDrain(topology, observer, take(submissions), {
        kill, killLatencyMs: options.killLatencyMs, timeoutSeconds: options.drainTimeoutSeconds, replaceKilled: options.recovery === 'quick',
      });
      sent.push(...result.sent);
      unsent.push(...result.failed);
      drains.push(result.figure);
      log(`drained: ${result.figure.workers} worker(s), ${result.figure.sent} returns${kill ? ', one worker killed' : ''}`);
    };
    if (!options.short) {
      await drain(options.submissions, false);
      await topology.startWorker();
      await observer.shortenRecovery();
      await drain(options.submissions, false);
    }
    await drain(options.killSubmissions, true);
    const tried = drains.reduce((sum, figure) => sum + figure.sent, 0) + unsent.length;
    checks.push({
      name: 'every return form sent (tried up to 5 times) opens a case',
      ok: unsent.length === 0,
      detail: unsent.length === 0 ? `${tried} of ${tried}` : `no case for ${unsent.join(', ')}`,
    });
    const killed = drains.at(-1)!.kill;
    checks.push({
      name: 'a worker was killed in the middle of a Gorgias sync, which then ran again',
      ok: killed !== null && killed.rerun > 0,
      detail: killed ? `${killed.runningAtKill} jobs running at the kill, ${killed.rerun} of them ran again` : 'the batch drained before a sync ran on every worker at once',
    });
    checks.push(...(await checkInvariants({ shopify: topology.shopifyUrl, gorgias: topology.gorgiasUrl, loop: topology.loopUrl, database: topology.databaseUrl }, sent, (await observer.pending()).parked)));
    return { options, lookups, orderPage, propagationMs: staleOffer.propagationMs, drains, checks, seconds: (performance.now() - began) / 1000 };
  } finally {
    await observer.close();
    await topology.close();
  }
}

/** Whether build/ is older than anything it is built from (or missing). */
function isBuildStale(): boolean {
  if (!existsSync('build/index.js')) return true;
  const built = statSync('build/index.js').mtimeMs;
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
  }));
  return Math.max(newest('app'), statSync('remix.config.js').mtimeMs) > built;
}

async function main() {
  // Through `exit`, so the topology's handler stops every server it started.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  const options = readScaleOptions(process.env, process.argv.slice(2));
  if (isBuildStale()) execSync('npm run -s build', { stdio: 'inherit' });
  const report = await runScale(options, (line) => console.log(`… ${line}`));
  printReport(report, (line) => console.log(line));
  process.exitCode = report.checks.every((check) => check.ok) ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
