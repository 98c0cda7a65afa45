import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { chooseChromium } from '../e2e/support/chromium';

// The order decides whether `npm test` runs on a machine with no browser package at all.
const PLAYWRIGHT = chromium.executablePath();
const present = (...paths: string[]) => (path: string) => paths.includes(path);

describe('which Chromium the end-to-end tests launch', () => {
  it('takes PLAYWRIGHT_CHROMIUM_PATH over every installed browser', () => {
    const choice = chooseChromium({ PLAYWRIGHT_CHROMIUM_PATH: '/opt/chrome' }, present(PLAYWRIGHT, '/usr/bin/chromium'));
    expect(choice).toEqual({ source: 'forced', path: '/opt/chrome' });
  });

  it("prefers Playwright's own browser to the system's", () => {
    expect(chooseChromium({}, present(PLAYWRIGHT, '/usr/bin/chromium'))).toEqual({ source: 'playwright' });
  });

  it("uses Debian's /usr/bin/chromium when Playwright has none", () => {
    expect(chooseChromium({}, present('/usr/bin/chromium'))).toEqual({ source: 'system', path: '/usr/bin/chromium' });
  });

  it('falls back to the Chromium bundled in @sparticuz/chromium on a bare machine', () => {
    expect(chooseChromium({ PLAYWRIGHT_CHROMIUM_PATH: '' }, present())).toEqual({ source: 'bundled' });
  });
});
