import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type LaunchOptions } from '@playwright/test';

/**
 * Which Chromium the specs (and anything else that drives a browser) launch, in this order:
 *  1. `PLAYWRIGHT_CHROMIUM_PATH`, when set;
 *  2. Playwright's own browser, when `npx playwright install` has fetched it;
 *  3. the system's `/usr/bin/chromium` (Debian's package), when present;
 *  4. the Chromium shipped inside the `@sparticuz/chromium` dev dependency, so that `npm test`
 *     needs no system package and no download beyond the npm registry.
 */
export type ChromiumSource = 'forced' | 'playwright' | 'system' | 'bundled';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Browsers other than Playwright's own start with their distribution's defaults: no sandbox (CI
// containers run as root), no GPU, and none of the background traffic to Google's servers.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Picks the browser; see the order above. `env` and `runnable` are parameters for the tests. */
export function chooseChromium(
  env: Record<string, string | undefined> = process.env,
  runnable: (path: string) => boolean = isExecutable,
): { source: ChromiumSource; path?: string } {
  const forced = env.PLAYWRIGHT_CHROMIUM_PATH;
  if (forced) return { source: 'forced', path: forced };
  if (runnable(chromium.executablePath())) return { source: 'playwright' };
  if (runnable(SYSTEM_CHROMIUM)) return { source: 'system', path: SYSTEM_CHROMIUM };
  return { source: 'bundled' };
}

// Executable, not merely present: a leftover or masked file must not win over the bundled browser.
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Launch options for the chosen Chromium (unpacks the bundled one on first use). */
export function chromiumLaunchOptions(): LaunchOptions {
  const choice = chooseChromium();
  if (choice.source === 'playwright') return {};
  if (choice.source !== 'bundled') return { executablePath: choice.path, args: FLAGS };
  const folder = unpackBundledChromium();
  return {
    executablePath: join(folder, 'chromium'),
    // Not @sparticuz's own flag list: it targets AWS Lambda (single process, web security and
    // site isolation off), and the specs check cross-site iframes and cookies as shoppers get them.
    args: FLAGS,
    env: fontEnv(folder),
  };
}

/**
 * @sparticuz/chromium unpacks to a fixed `/tmp/chromium`, writing in place and asynchronously:
 * a second process (the Playwright workers load this config too, other checkouts run at the
 * same time) could start a half-written binary. So a child process unpacks it into a private
 * folder, which then becomes the versioned folder in one rename: the folder exists only once
 * complete, and the config can stay synchronous.
 */
function unpackBundledChromium(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  const folder = join(tmpdir(), `comptoir-sparticuz-chromium-${version}`);
  if (existsSync(join(folder, 'chromium'))) return folder;

  const staging = mkdtempSync(join(tmpdir(), 'comptoir-chromium-unpack-'));
  try {
    const script = `import(${JSON.stringify(entry)}).then((m) => m.default.executablePath())`;
    const result = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, TMPDIR: staging },
      encoding: 'utf8',
    });
    if (result.status !== 0 || !existsSync(join(staging, 'chromium'))) {
      throw new Error(`Could not unpack @sparticuz/chromium: ${result.stderr || result.error}`);
    }
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another process finished first: its folder is as good as ours.
      if (!existsSync(join(folder, 'chromium'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return folder;
}

/** The system's fonts when it has fontconfig; else the Open Sans that ships with the package. */
function fontEnv(folder: string): Record<string, string> | undefined {
  if (existsSync('/etc/fonts/fonts.conf')) return undefined;
  const config = join(folder, 'comptoir-fonts.conf');
  if (!existsSync(config)) {
    const fonts = `<?xml version="1.0"?>\n<fontconfig><dir>${join(folder, 'fonts')}</dir><cachedir>${join(folder, 'fonts-cache')}</cachedir></fontconfig>\n`;
    writeFileSync(config, fonts);
  }
  return { ...stringEnv(), FONTCONFIG_PATH: folder, FONTCONFIG_FILE: config };
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
