// `npm test`: build once, run Vitest then Playwright, and end with one line of totals:
// "N passed, N failed[, N skipped]". Exits non-zero when a test failed, a runner crashed or
// a runner ran no test at all. COMPTOIR_SKIP_BUILD=1 reuses the existing build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'comptoir-test-'));
const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

function vitest() {
  const file = join(reports, 'vitest.json');
  const code = run('npx', ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = readJson(file);
  if (!report) return { name: 'vitest', code, crashed: true };
  return {
    name: 'vitest',
    code,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    // A file that fails to load counts no test but fails the run.
    crashed: report.numFailedTestSuites > 0 && report.numFailedTests === 0,
    failures: report.testResults.flatMap((file) => [
      ...(file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed') ? [{ title: file.name, message: file.message }] : []),
      ...file.assertionResults.filter((test) => test.status === 'failed').map((test) => ({ title: `${file.name} › ${test.fullName}`, message: test.failureMessages?.[0] })),
    ]),
  };
}

function playwright() {
  const file = join(reports, 'playwright.json');
  const code = run('npx', ['--no-install', 'playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
  const report = readJson(file);
  if (!report) return { name: 'playwright', code, crashed: true };
  const { expected, unexpected, flaky, skipped } = report.stats;
  // Global errors: the web server did not start, a spec did not compile, a timeout hit the run.
  return {
    name: 'playwright', code, passed: expected + flaky, failed: unexpected, skipped, crashed: report.errors.length > 0,
    failures: [...report.errors.map((error) => ({ title: 'global', message: error.message })), ...failedSpecs(report.suites ?? [])],
  };
}

/** Playwright's JSON nests suites in suites; a spec failed when none of its retries passed. */
function failedSpecs(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => ({
      title: `${spec.file}:${spec.line} › ${spec.title} [${spec.tests.map((test) => test.projectName).join(', ')}]`,
      message: spec.tests.flatMap((test) => test.results).find((result) => result.error)?.error?.message,
    })),
    ...failedSpecs(suite.suites ?? []),
  ]);
}

let results = [];
if (process.env.COMPTOIR_SKIP_BUILD !== '1' && run('npm', ['run', 'build']) !== 0) {
  results = [{ name: 'build', code: 1, crashed: true }];
} else {
  results = [vitest(), playwright()];
}
rmSync(reports, { recursive: true, force: true });

const total = (key) => results.reduce((sum, result) => sum + (result[key] ?? 0), 0);
let ok = true;
for (const result of results) {
  const ran = (result.passed ?? 0) + (result.failed ?? 0);
  if (result.crashed || ran === 0 || (result.code !== 0 && !result.failed)) {
    console.error(`\n${result.name} did not run properly (exit code ${result.code}, ${ran} tests run).`);
    ok = false;
  }
}
ok &&= total('failed') === 0;

// CI keeps only the tail of the output, so what failed is repeated here, just above the totals.
const failures = results.flatMap((result) => (result.failures ?? []).map((failure) => ({ runner: result.name, ...failure })));
if (failures.length) {
  console.log(`\nFailed (${failures.length}):`);
  for (const { runner, title, message } of failures.slice(0, 20)) {
    const firstLines = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter(Boolean).slice(0, 4).map((line) => `      ${line.slice(0, 240)}`);
    console.log(`  ${runner}: ${title}\n${firstLines.join('\n')}`);
  }
}

const skipped = total('skipped');
console.log(`\n${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
