import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScaleOptions } from '../../bench/scale/options';
import { printReport } from '../../bench/scale/report';
import { runScale } from '../../bench/scale/run';

/**
 * `npm run bench:scale -- --short` as a test: the emulators, two portals of the production build
 * and two workers on one PostgreSQL database, returns sent through both portals while one worker
 * is killed mid-job, then every check (shared sessions and lookup cap, no stale offer, one Shopify
 * return, one ticket, one note per event and one label per case). The figures are printed, never
 * asserted. It needs TEST_DATABASE_URL and build/ (`npm test` builds before it runs Vitest).
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const built = existsSync('build/index.js');
const skipped = !adminUrl ? ' (skipped: TEST_DATABASE_URL not set)' : !built ? ' (skipped: no build/, run `npm run build` first)' : '';

describe.skipIf(skipped !== '')(`two portals and two workers on one store${skipped}`, () => {
  it('keeps every case whole when a worker is killed mid-job, and both portals act as one', async () => {
    // Only the database and a port of its own: a developer's BENCH_SCALE_* must not change the test.
    const options = readScaleOptions({ TEST_DATABASE_URL: adminUrl, BENCH_SCALE_PORT: '4660' }, ['--short']);
    const report = await runScale(options);
    printReport(report, (line) => console.log(line));
    for (const check of report.checks) expect.soft(check.ok, `${check.name}: ${check.detail}`).toBe(true);
    expect(report.checks.length).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
