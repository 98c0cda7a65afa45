import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/support/chromium';
import { ISOLATED_CLIENT_MAX, ISOLATED_URL, ORDER_MAX, SERVER_START_MS, SHARED_URL } from './tests/e2e/support/servers';

/*
 * End-to-end tests drive the BUILT app (`npm run build` first; `npm test` does it) in sandbox
 * mode, with the Shopify emulator mounted in the same process. Two servers, each on a fresh
 * database (see tests/e2e/support/serve.mjs):
 *  - "shared" serves every ordinary spec, from both workers at once. Its per-client lookup cap
 *    is lifted (all tests come from 127.0.0.1); specs keep to their own order numbers instead.
 *  - "isolated" serves only the specs that change global state: injected Shopify faults, and a
 *    client cap low enough to reach. Those specs run one at a time, one project after the other.
 */
const ISOLATED_SPECS = ['upstream-failure.spec.ts', 'client-limit.spec.ts'];

function server(url: string, env: Record<string, string>) {
  return {
    command: 'node tests/e2e/support/serve.mjs',
    url: `${url}/healthz`,
    env: {
      PORT: new URL(url).port,
      HOST: '127.0.0.1',
      // Pinned, so a developer's .env cannot change what the specs expect.
      COMPTOIR_MODE: 'sandbox',
      COMPTOIR_LOOKUP_SECOND_FACTOR: 'none',
      RATE_LIMIT_ORDER_MAX: String(ORDER_MAX),
      ...env,
    },
    reuseExistingServer: false,
    timeout: SERVER_START_MS,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    // SIGTERM lets the server close its database before its temp folder is deleted.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
  };
}

// Which Chromium runs, and its flags: see tests/e2e/support/chromium.ts.
const launchOptions = chromiumLaunchOptions();
const mobile = { ...devices['Pixel 7'], launchOptions };
const desktop = { ...devices['Desktop Chrome'], launchOptions };

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.E2E_OUTPUT ?? 'test-results',
  // Limits that catch a hung step, not a slow one: on two cores shared with other work (load
  // average 15-20 measured), a page takes seconds and the longest flow (a return in the chat
  // widget with six accessibility scans) took 116 s. Nothing here measures speed; `npm run bench` does.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // No retries, on CI either: every spec owns its data, so a failure is a finding, not noise.
  retries: 0,
  workers: 2,
  reporter: 'list',
  // A click or fill waiting for an element that never comes fails after this, not at the test's
  // end: inside `expect(...).toPass` a step without its own short timeout would never retry.
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', actionTimeout: 30_000 },
  projects: [
    { name: 'mobile', testIgnore: ISOLATED_SPECS, use: { ...mobile, baseURL: SHARED_URL } },
    // The desktop layout gets the pages themselves; the flows behind them are not layout-bound.
    { name: 'desktop', testMatch: ['order-page.spec.ts', 'accessibility.spec.ts', 'brand.spec.ts'], use: { ...desktop, baseURL: SHARED_URL } },
    { name: 'upstream', testMatch: 'upstream-failure.spec.ts', use: { ...mobile, baseURL: ISOLATED_URL } },
    // Runs after "upstream": once it has reached the client cap, no lookup from 127.0.0.1 passes.
    { name: 'client-limit', testMatch: 'client-limit.spec.ts', dependencies: ['upstream'], use: { ...mobile, baseURL: ISOLATED_URL } },
  ],
  webServer: [
    server(SHARED_URL, { RATE_LIMIT_CLIENT_MAX: '1000' }),
    server(ISOLATED_URL, {
      RATE_LIMIT_CLIENT_MAX: String(ISOLATED_CLIENT_MAX),
      // Every page view reaches the emulator, so an injected fault shows on the order page too.
      COMPTOIR_ORDER_CACHE_SECONDS: '0',
    }),
  ],
});
