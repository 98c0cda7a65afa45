import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_API_KEY } from '../app/security/env.server';
import { withLighthouse, type AuditedPage, type Auditor } from './lighthouse';
import { startProcess } from './processes';

/*
 * Every page a shopper or an agent sees, reached the way they reach it, for Lighthouse: the lookup
 * form (empty, and answering a failed lookup), order pages of several demo scenarios, each step of
 * a return with the draft the earlier steps left, the case page it ends on, the policy page, the
 * 404 page and the agent's case page (from the link the Gorgias sidebar gives). The lookup and the
 * order pages in English and in French; the rest in English.
 */
type DemoOrder = { name: string; email: string; scenario: string };
type Language = 'en' | 'fr';

/** The order pages audited: a scenario each, as the sandbox's demo orders name them. */
const ORDER_SCENARIOS = [
  ['partly shipped', 'partially-fulfilled'],
  ['delivered', 'delivered-recently'],
  ['late parcel', 'running-late'],
  ['return made in the store', 'return-in-progress'],
  ['returned and refunded in the store', 'returned-and-refunded'],
] as const;
const FRENCH_SCENARIOS = new Set(['partially-fulfilled', 'running-late']);
// The return walked through the steps: an order with two returnable items; a reason an agent reviews.
const RETURN_SCENARIO = 'delivered-recently';
const REVIEW_REASON = 'other';
// The exchange walked through: a Marinière M / Navy, too small, for another size.
const EXCHANGE_SCENARIO = 'ready-to-exchange';
const EXCHANGE_REASON = 'size-too-small';

const unknownOrderNumber = () => `LH-${randomBytes(4).toString('hex').toUpperCase()}`;

async function lookUp(auditor: Auditor, order: DemoOrder) {
  const { tab } = auditor;
  await tab.goto('/');
  await tab.fill('input[name="orderNumber"]', order.name);
  await tab.fill('input[name="email"]', order.email);
  await Promise.all([tab.waitForURL('**/order'), tab.click('form button[type="submit"]')]);
}

/** The lookup form's body, with the token of the form the browser was given. */
function lookupBody(auditor: Auditor, fields: { orderNumber: string; email: string }) {
  return async () => {
    const page = await auditor.context.request.get('/');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!csrf) throw new Error('the lookup page has no form token');
    return new URLSearchParams({ ...fields, csrf }).toString();
  };
}

async function continueTo(auditor: Auditor, step: string) {
  await Promise.all([auditor.tab.waitForURL(`**/order/return?step=${step}`), auditor.tab.click('form button[type="submit"][name="intent"]')]);
}

async function auditLanguage(auditor: Auditor, language: Language, orders: DemoOrder[]) {
  const { tab, audit } = auditor;
  // `?lng=` sets the language cookie the later pages are read in, as a help-center link does.
  await tab.goto(`/?lng=${language}`);
  await audit(`lookup form (${language})`, { path: '/' });
  const someOrder = orders[0]!;
  await audit(`lookup, order not found (${language})`, { path: '/?index', post: lookupBody(auditor, { orderNumber: unknownOrderNumber(), email: someOrder.email }), status: 400 });
  if (language === 'en') {
    await audit('lookup, invalid email (en)', { path: '/?index', post: lookupBody(auditor, { orderNumber: someOrder.name, email: 'not-an-email' }), status: 400 });
  }
  for (const [label, scenario] of ORDER_SCENARIOS) {
    if (language === 'fr' && !FRENCH_SCENARIOS.has(scenario)) continue;
    const order = orders.find((o) => o.scenario === scenario);
    if (!order) throw new Error(`the sandbox has no demo order for "${scenario}"`);
    await lookUp(auditor, order);
    await audit(`order page, ${label} (${language})`);
  }
}

/** Items → why → refund → review → the case page, then the agent's page of that case. */
async function auditReturn(auditor: Auditor, orders: DemoOrder[]) {
  const { tab, audit, context } = auditor;
  const order = orders.find((o) => o.scenario === RETURN_SCENARIO)!;
  await tab.goto('/?lng=en');
  await lookUp(auditor, order);
  await tab.goto('/order/return');
  await audit('return: items step (en)');
  await tab.check('input[name="lines[0].selected"]');
  await continueTo(auditor, 'why');
  await audit('return: why step (en)');
  await tab.check(`input[name="lines[0].reasonId"][value="${REVIEW_REASON}"]`);
  for (const box of await tab.locator(`input[name="lines[0].conditions"][value^="${REVIEW_REASON}:"]`).all()) await box.check();
  await continueTo(auditor, 'refund');
  await audit('return: refund step (en)');
  await continueTo(auditor, 'review');
  await audit('return: review step (en)');
  await Promise.all([tab.waitForURL('**/cases/C-*'), tab.click('button[name="intent"][value="submit"]')]);
  await audit('case page after sending a return (en)');

  const sidebar = await context.request.get(`/api/gorgias/customer?email=${encodeURIComponent(order.email)}`, { headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` } });
  const { cases } = (await sidebar.json()) as { cases: { agentUrl: string }[] };
  if (!cases[0]) throw new Error('the Gorgias sidebar lists no case after the return was sent');
  await audit('agent case page (en)', { path: new URL(cases[0].agentUrl).pathname });
}

/** An exchange: the refund step's sizes, colours and other products as swatches with their pictures, then its case page. */
async function auditExchange(auditor: Auditor, orders: DemoOrder[]) {
  const { tab, audit } = auditor;
  const order = orders.find((o) => o.scenario === EXCHANGE_SCENARIO);
  if (!order) throw new Error(`the sandbox has no demo order for "${EXCHANGE_SCENARIO}"`);
  await tab.goto('/?lng=en');
  await lookUp(auditor, order);
  await tab.goto('/order/return');
  await tab.check('input[name="lines[0].selected"]');
  await continueTo(auditor, 'why');
  await tab.check(`input[name="lines[0].reasonId"][value="${EXCHANGE_REASON}"]`);
  for (const box of await tab.locator(`input[name="lines[0].conditions"][value^="${EXCHANGE_REASON}:"]`).all()) await box.check();
  await continueTo(auditor, 'refund');
  await audit('return: refund or exchange step, with swatches (en)');
  await tab.locator('input[name="lines[0].choice"][data-exchange]:not([disabled])').first().check();
  await continueTo(auditor, 'review');
  await audit('return: review step of an exchange (en)');
  await Promise.all([tab.waitForURL('**/cases/C-*'), tab.click('button[name="intent"][value="submit"]')]);
  await audit('case page of an exchange (en)');
}

/** A cancellation: the order page's actions, the cancel page, then the case page of the cancelled order. */
async function auditCancellation(auditor: Auditor, orders: DemoOrder[]) {
  const { tab, audit } = auditor;
  const order = orders.find((o) => o.scenario === 'ready-to-cancel');
  if (!order) throw new Error('the sandbox has no demo order ready to cancel');
  await tab.goto('/?lng=en');
  await lookUp(auditor, order);
  await audit('order page, nothing shipped: cancel or change the address (en)');
  await tab.goto('/order/cancel');
  await audit('cancel page (en)');
  await tab.check('input[name="reasonId"][value="changed_mind"]');
  await Promise.all([tab.waitForURL('**/cases/C-*'), tab.click('form button[type="submit"]')]);
  await audit('case page of a cancelled order (en)');
}

/** A portal of its own on a fresh database and a reset emulator, audited page by page. */
export async function measureLighthouse(options: { node: string; tsxArgs: string[]; emulatorUrl: string; port: number; debugPort: number; runs: number; log?: (line: string) => void; reports?: string; only?: RegExp }): Promise<AuditedPage[]> {
  await fetch(`${options.emulatorUrl}/__sandbox/shopify/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-lighthouse-'));
  const portal = await startProcess(
    options.node,
    options.tsxArgs,
    // Failed lookups are part of the walk (one per run); the limits must not turn them into lock-outs.
    { NODE_ENV: 'production', PORT: String(options.port), COMPTOIR_DATA_DIR: dataDir, SANDBOX_SHOPIFY_URL: options.emulatorUrl, RATE_LIMIT_ORDER_MAX: '100000', RATE_LIMIT_CLIENT_MAX: '100000' },
    /server\.started/,
    `http://127.0.0.1:${options.port}`,
  );
  try {
    const { orders } = (await (await fetch(`${options.emulatorUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoOrder[] };
    return await withLighthouse({ portalUrl: portal.url, debugPort: options.debugPort, runs: options.runs, log: options.log, reports: options.reports, only: options.only }, async (auditor) => {
      await auditLanguage(auditor, 'en', orders);
      await auditLanguage(auditor, 'fr', orders);
      await auditReturn(auditor, orders);
      await auditExchange(auditor, orders);
      await auditCancellation(auditor, orders);
      await auditor.tab.goto('/?lng=en');
      await auditor.audit('policy page (en)', { path: '/policy' });
      await auditor.audit('404 page (en)', { path: '/no-such-page', status: 404 });
    });
  } finally {
    await portal.stopAndWait();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
