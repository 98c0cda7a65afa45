import type { DrainFigure } from './drain';
import type { ScaleReport } from './run';

/** The figures, then the checks, as `npm run bench:scale` prints them. */
export function printReport(report: ScaleReport, print: (line: string) => void) {
  const { options } = report;
  const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
  const gain = (two: number, one: number) => `${two >= one ? '+' : ''}${((100 * (two - one)) / Math.max(1e-9, one)).toFixed(0)} %`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

  print(`\nComptoir at scale${options.short ? ' (--short)' : ''}: 2 portals and ${options.short ? '2 workers' : '1 then 2 workers'} on one PostgreSQL, the Shopify, Gorgias and Loop emulators in their own processes, ${report.seconds.toFixed(0)} s in all`);

  print(`\nLookups (each asks Shopify; its bucket: ${options.shopifyBucketMax} points, ${options.shopifyRestoreRate}/s), ${options.lookupConnections} shoppers for ${options.lookupSeconds} s:`);
  for (const figure of report.lookups) {
    const answered = figure.ok + figure.tryAgain + figure.other;
    print(`  ${plural(figure.portals, 'portal').padEnd(9)}  ${(figure.ok / figure.seconds).toFixed(1).padStart(6)} found/s  "try again" (503): ${percent(figure.tryAgain, answered).padStart(6)}  other answers: ${figure.other}  Shopify calls per answer: ${(figure.shopifyCalls / Math.max(1, answered)).toFixed(2)}  (${answered} answers)`);
  }
  const [oneLookup, twoLookups] = report.lookups;
  if (oneLookup && twoLookups) print(`  the second portal: ${gain(twoLookups.ok, oneLookup.ok)} lookups found from the same bucket`);

  print(`\nOrder page of a signed-in shopper (cached: asks nobody), ${options.lookupSeconds} s:`);
  for (const figure of report.orderPage) print(`  ${plural(figure.portals, 'portal').padEnd(9)}  ${figure.rps.toFixed(0).padStart(6)} pages/s  (${figure.requests} pages, ${figure.unexpected} unexpected)`);
  const [onePage, twoPages] = report.orderPage;
  if (onePage && twoPages) print(`  the second portal: ${gain(twoPages.rps, onePage.rps)} pages/s (the bench, both portals and PostgreSQL share this machine's CPUs)`);

  const seen = report.propagationMs.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  print(`\nA change made through one process, seen by another: a return sent through portal A, portal B's form stops offering the unit after`);
  print(`  ${seen.length ? `median ${seen[Math.floor(seen.length / 2)]!.toFixed(0)} ms, max ${seen.at(-1)!.toFixed(0)} ms` : 'never'} (${report.propagationMs.length} returns, B polled every 20 ms${seen.length < report.propagationMs.length ? `; ${report.propagationMs.length - seen.length} still offered after 5 s` : ''})`);

  print(`\nQueues drained: returns sent through both portals (4 shoppers at once), worked by the workers; Gorgias admits ${options.gorgiasCapacity} calls per 20 s:`);
  for (const figure of report.drains) print(drainLine(figure));
  const [oneWorker, twoWorkers] = report.drains.filter((figure) => !figure.kill);
  if (oneWorker && twoWorkers) {
    const tooMany = (figure: DrainFigure) => percent(figure.gorgias.tooMany, figure.gorgias.calls);
    print(`  the second worker: drain time ${oneWorker.drainSeconds.toFixed(0)} s → ${twoWorkers.drainSeconds.toFixed(0)} s (${gain(twoWorkers.drainSeconds, oneWorker.drainSeconds)}); Gorgias 429s ${tooMany(oneWorker)} with one worker, ${tooMany(twoWorkers)} with two`);
  }
  if (options.short) print('  (--short: no separate one- and two-worker drains; run without --short for those figures)');
  if (options.recovery === 'quick') print('  (quick recovery: heartbeats of 10 s, retries after 1 s, a supervision pass every 2 s, a new worker once the killed jobs are failed over; production waits longer, see options.ts)');

  print('\nChecks:');
  for (const check of report.checks) print(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  const failed = report.checks.filter((check) => !check.ok);
  print(failed.length ? `\n${plural(failed.length, 'check')} failed: ${failed.map((check) => check.name).join('; ')}` : `\nAll ${report.checks.length} checks passed.`);
}

function drainLine(figure: DrainFigure): string {
  const who = `${figure.workers} worker${figure.workers === 1 ? '' : 's'}`;
  const gorgias = `Gorgias: ${figure.gorgias.calls} calls, ${figure.gorgias.tooMany} answered 429 (${((100 * figure.gorgias.tooMany) / Math.max(1, figure.gorgias.calls)).toFixed(1)} %)${figure.gorgias.errors ? `, ${figure.gorgias.errors} failed` : ''}`;
  const base = `  ${who.padEnd(9)}  ${figure.sent} returns sent in ${figure.sendSeconds.toFixed(1)} s${figure.shopperRetries ? ` (${figure.shopperRetries} tried again)` : ''}; queues empty ${figure.drainSeconds.toFixed(1)} s after the first; ${figure.jobs} jobs, ${(figure.jobs / figure.drainSeconds).toFixed(2)} jobs/s; ${gorgias}`;
  if (!figure.kill) return base;
  const { atSeconds, runningAtKill, rerun, drainedAfterKillSeconds, gorgiasLatencyMs } = figure.kill;
  return `${base}\n             Gorgias answering in ${gorgiasLatencyMs} ms, one worker killed (SIGKILL) ${atSeconds.toFixed(1)} s in with ${runningAtKill} jobs running (${rerun} of them ran again); queues empty ${drainedAfterKillSeconds.toFixed(1)} s after the kill`;
}
