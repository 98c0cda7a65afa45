import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from '@playwright/test';
import lighthouse from 'lighthouse';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium';

/*
 * Lighthouse on the portal's pages, mobile (its default form factor, screen and simulated
 * throttling), in the Chromium the e2e specs use. Playwright starts that browser with a persistent
 * profile and a DevTools port: it walks the portal as a shopper would (see lighthouse-pages.ts), so
 * the session and the server-side draft live in the browser's own cookies, and Lighthouse opens
 * each page in a new tab of the same profile. Nothing leaves 127.0.0.1.
 */
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

export type AuditedPage = {
  name: string;
  path: string;
  /** 0–100 per category, from the run with the median performance score. */
  scores: Scores;
  runs: number;
  /**
   * Lighthouse's measure of the host's CPU speed during the kept run. At 1000 or less Lighthouse
   * itself warns that the host is too slow for its default 4× CPU slowdown (a loaded machine).
   */
  benchmarkIndex: number;
  /** The weighted audits that kept a category below 100, e.g. `performance: total-blocking-time 0.98 (90 ms)`. */
  failing: string[];
  warnings: string[];
};

/** What a walk gets: the browser tab it drives, and `audit` to score the page that tab is on (or `path`). */
export type Auditor = {
  tab: Page;
  context: BrowserContext;
  /**
   * Scores a page. `post` makes the page a form's answer: Lighthouse's navigation to `path` is sent
   * as that POST (the body is built per run, from the page's own form token), as the browser would.
   * `status`: the one the page is meant to answer with (a failed lookup's 400, the 404 page).
   */
  audit(name: string, options?: { path?: string; post?: () => Promise<string>; status?: number }): Promise<void>;
};

// The flags the brief names for a Chromium in a container: no sandbox, no GPU, no background traffic.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Lighthouse's own threshold (core/gather/driver/environment.js) for "the host CPU is slower than expected". */
const SLOW_HOST_INDEX = 1000;

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const percent = (score: number | null | undefined) => Math.round((score ?? 0) * 100);

function toScores(lhr: Lhr): Scores {
  return Object.fromEntries(CATEGORIES.map((id) => [id, percent(lhr.categories[id]?.score)])) as Scores;
}

/** The audits that count towards a category's score and did not pass in full. */
function failingAudits(lhr: Lhr): string[] {
  return CATEGORIES.flatMap((id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id]!)
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${id}: ${audit.id} ${audit.score}${audit.displayValue ? ` (${audit.displayValue})` : ''}`),
  );
}

const networkItems = (lhr: Lhr) => (lhr.audits['network-requests']?.details as { items?: { url: string; statusCode: number }[] } | undefined)?.items ?? [];

/**
 * Requests of the page (not the page itself) that failed: a missing stylesheet or icon. Checked
 * apart, so that the console line of a page meant to answer 4xx can be left out (see below).
 */
function failedRequests(lhr: Lhr): string[] {
  return networkItems(lhr).filter((item) => item.url !== lhr.finalDisplayedUrl && (item.statusCode >= 400 || item.statusCode <= 0)).map((item) => `network: ${item.url} answered ${item.statusCode}`);
}

async function runLighthouse(url: string, port: number, status: number): Promise<Lhr> {
  const result = await lighthouse(
    url,
    {
      port,
      // Lighthouse refuses a page answered with an error status unless told it is the page meant.
      ignoreStatusCode: status !== 200,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      disableFullPageScreenshot: true,
    },
    status === 200
      ? undefined
      : {
          extends: 'lighthouse:default',
          // Chromium logs every 4xx page as a console error; for a page meant to answer `status`
          // (the 404 page, a failed lookup's 400) that line is the point, not a fault. Only the
          // page's own status: its requests are checked apart (failedRequests).
          audits: [{ path: 'errors-in-console', options: { ignoredPatterns: [`Failed to load resource: the server responded with a status of ${status}`] } }],
        },
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  // A page that redirected (a lost session sends /order to the lookup) or was refused is not the page named.
  const document = networkItems(lhr).find((item) => item.url === lhr.finalDisplayedUrl);
  if (lhr.finalDisplayedUrl !== url || document?.statusCode !== status) {
    throw new Error(`Lighthouse was to score ${url} (status ${status}) but got ${lhr.finalDisplayedUrl} (status ${document?.statusCode})`);
  }
  return lhr;
}

/**
 * Starts the browser, lets `walk` drive it and audit pages, and returns every audited page.
 * Each page is run `runs` times; the run with the median performance score is kept (Lighthouse's
 * own advice for a noisy machine), and its accessibility and best-practices scores with it.
 */
export async function withLighthouse(
  options: { portalUrl: string; debugPort: number; runs: number; log?: (line: string) => void; reports?: string; only?: RegExp },
  walk: (auditor: Auditor) => Promise<void>,
): Promise<AuditedPage[]> {
  const launch = chromiumLaunchOptions();
  const profile = mkdtempSync(join(tmpdir(), 'comptoir-lighthouse-'));
  // No viewport of Playwright's own: Lighthouse emulates the phone in the tabs it opens.
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    headless: true,
    viewport: null,
    baseURL: options.portalUrl,
    args: [...new Set([...(launch.args ?? []), ...FLAGS, `--remote-debugging-port=${options.debugPort}`])],
  });
  const pages: AuditedPage[] = [];
  if (options.reports) mkdirSync(options.reports, { recursive: true });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    const audit: Auditor['audit'] = async (name, { path, post, status = 200 } = {}) => {
      if (options.only && !options.only.test(name)) return;
      const url = new URL(path ?? tab.url(), options.portalUrl).toString();
      const route = post ? asPost(context, post) : null;
      const matches = (candidate: URL) => candidate.href === url;
      if (route) await context.route(matches, route);
      try {
        const runs: Lhr[] = [];
        for (let i = 0; i < options.runs; i++) runs.push(await runLighthouse(url, options.debugPort, status));
        const kept = [...runs].sort((a, b) => percent(a.categories.performance?.score) - percent(b.categories.performance?.score))[Math.floor(runs.length / 2)]!;
        const shown = new URL(url).pathname + new URL(url).search;
        // Lighthouse warns about any page that answers an error status, even one meant to.
        const warnings = kept.runWarnings.map(String).filter((warning) => status === 200 || !warning.includes(`(Status code: ${status})`));
        const page = { name, path: shown, scores: toScores(kept), runs: runs.length, benchmarkIndex: Math.round(kept.environment.benchmarkIndex), failing: [...failingAudits(kept), ...failedRequests(kept)], warnings };
        if (options.reports) writeFileSync(join(options.reports, `${String(pages.length + 1).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.json`), JSON.stringify(kept));
        pages.push(page);
        options.log?.(`  ${formatScores(page)}`);
      } finally {
        if (route) await context.unroute(matches, route);
      }
    };
    await walk({ tab, context, audit });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return pages;
}

/**
 * A route handler that answers the page's navigation with the portal's answer to the form's POST.
 * Chromium lets an intercepted request change its method and body but not its `Origin`, which
 * every form action checks; so the POST goes out through the browser context's own request client
 * (its cookies, the page's origin) and the browser renders what the portal answered, headers and all.
 */
function asPost(context: BrowserContext, body: () => Promise<string>) {
  return async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'GET' || !request.isNavigationRequest()) return route.continue();
    const response = await context.request.post(request.url(), {
      headers: { Origin: new URL(request.url()).origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      data: await body(),
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  };
}

export function formatScores(page: AuditedPage): string {
  const s = page.scores;
  const slow = page.benchmarkIndex <= SLOW_HOST_INDEX ? ' (host slowed)' : '';
  return `${page.name.padEnd(52)} ${String(s.performance).padStart(4)} ${String(s.accessibility).padStart(4)} ${String(s['best-practices']).padStart(4)}  ${String(page.benchmarkIndex).padStart(5)}${slow}   ${page.path}`;
}

export const allAt100 = (pages: AuditedPage[], category: Category) => pages.length > 0 && pages.every((page) => page.scores[category] === 100);
