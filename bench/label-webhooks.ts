import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SANDBOX_LOOP_WEBHOOK_SECRET } from '~/integrations/loop/env.server';
import { toLoopWebhookRequest } from '../app/sandbox/loop/webhooks.server';
import { formPass } from './form-pass';
import { startGorgiasEmulator } from './gorgias';
import { startProcess } from './processes';
import { walkToReview } from './return-steps';

/*
 * The label providers' webhooks, on a portal whose "Too small" returns get Loop labels (the
 * emulator mounted in the portal) and whose tickets go to the Gorgias emulator in its own process,
 * at Gorgias's real allowance (40 calls per 20 s):
 * 1. intake: signed Loop deliveries per second through `POST /webhooks/loop`, each a new event
 *    (verified, recorded, its job queued in one transaction), p50 and p99;
 * 2. webhook to ticket note: the Loop emulator scans a return's parcel (its signed `label.updated`
 *    leaves at once) → intake → job → case moves → Gorgias sync → the note is on the ticket.
 */
type DemoOrder = { name: string; email: string; scenario: string };
type GorgiasTicket = { external_id: string | null; messages: { channel: string; external_id: string | null }[] };

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, read: () => Promise<T | null>): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A "Too small" return sent through the portal's form: its case id. */
async function sendSizeReturn(portal: string, order: DemoOrder): Promise<string | null> {
  const pass = await formPass(portal);
  const lookup = await fetch(`${portal}/?index`, {
    method: 'POST', redirect: 'manual', headers: { ...pass.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ orderNumber: order.name, email: order.email, csrf: pass.token }),
  });
  const session = lookup.headers.getSetCookie().find((line) => line.includes('comptoir_session='))?.split(';')[0];
  if (!session) return null;
  const flow = await walkToReview(portal, `${pass.headers.Cookie}; ${session}`, 'size-too-small');
  const location = flow ? (await flow.send()).headers.get('location') : null;
  return location?.startsWith('/cases/') ? location.split('/').pop()! : null;
}

const notesOn = (tickets: GorgiasTicket[], caseId: string) =>
  tickets.find((ticket) => ticket.external_id === caseId)?.messages.filter((message) => message.channel === 'internal-note').length ?? null;

export async function measureLabelWebhooks(options: { node: string; tsxArgs: string[]; emulatorUrl: string; port: number; gorgiasPort: number; seconds: number; connections: number; cases: number }) {
  await fetch(`${options.emulatorUrl}/__sandbox/shopify/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-labels-'));
  const policyFile = join(dataDir, 'policy.yaml');
  const policy = readFileSync('app/sandbox/policy/comptoir-demo.policy.yaml', 'utf8');
  writeFileSync(policyFile, policy.replace(/(  - id: size-too-small\n(?: {4}.*\n)*? {4}returnShipping: [^\n]*\n)/, '$1    labelProvider: loop\n'));
  const gorgias = await startGorgiasEmulator(options.node, options.gorgiasPort);
  const portal = await startProcess(
    options.node, options.tsxArgs,
    {
      NODE_ENV: 'production', PORT: String(options.port), COMPTOIR_DATA_DIR: dataDir, COMPTOIR_POLICY_FILE: policyFile, COMPTOIR_LOOKUP_SECOND_FACTOR: 'none',
      SANDBOX_SHOPIFY_URL: options.emulatorUrl, GORGIAS_BASE_URL: gorgias.url, RATE_LIMIT_ORDER_MAX: '100000', RATE_LIMIT_CLIENT_MAX: '100000',
    },
    /server\.started/, `http://127.0.0.1:${options.port}`,
  );
  const tickets = async () => ((await (await fetch(`${gorgias.url}/__sandbox/gorgias/state`, { headers: { Accept: 'application/json' } })).json()) as { tickets: GorgiasTicket[] }).tickets;
  try {
    // Cases first, each to its Loop label and its ticket, then quiet: nothing else queued for Gorgias.
    const { orders } = (await (await fetch(`${options.emulatorUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoOrder[] };
    const cases: string[] = [];
    const orderOf = new Map<string, string>();
    for (const order of orders) {
      if (cases.length >= options.cases) break;
      const caseId = await sendSizeReturn(portal.url, order).catch(() => null);
      if (caseId) {
        cases.push(caseId);
        orderOf.set(caseId, order.name);
      }
    }
    const loopState = async () => ((await (await fetch(`${portal.url}/__sandbox/loop/state`)).json()) as { returns: { id: string; order_name: string }[] }).returns;
    const loopIds = new Map<string, string>();
    await until('every case’s Loop return', 120_000, async () => {
      for (const ret of await loopState()) for (const caseId of cases) if (ret.order_name === orderOf.get(caseId)) loopIds.set(caseId, ret.id);
      return loopIds.size === cases.length ? true : null;
    });
    let settled = -1;
    await until('Gorgias to catch up', 300_000, async () => {
      const count = (await tickets()).reduce((sum, ticket) => sum + ticket.messages.length, 0);
      const quiet = count > 0 && count === settled;
      settled = count;
      if (!quiet) await sleep(3_000);
      return quiet ? true : null;
    });

    // Webhook → note, one case at a time, timed from the scan (the emulator signs and sends at once).
    const delays: number[] = [];
    for (const caseId of cases) {
      const before = notesOn(await tickets(), caseId);
      if (before === null) continue;
      const started = performance.now();
      const moved = await fetch(`${portal.url}/__sandbox/loop/returns/${loopIds.get(caseId)}/in-transit`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: portal.url }, body: '{}' });
      if (!moved.ok) throw new Error(`the Loop emulator refused the scan: ${moved.status}`);
      await until(`the note of ${caseId}`, 60_000, async () => ((notesOn(await tickets(), caseId) ?? 0) > before ? true : null));
      delays.push(performance.now() - started);
    }

    // The intake under load: each request a new label event of a return no case claims (kept, 200).
    let seq = 0;
    const result = await autocannon({
      url: `${portal.url}/webhooks/loop`, method: 'POST', duration: options.seconds, connections: options.connections,
      requests: [{
        setupRequest: (request) => {
          seq += 1;
          const { body, headers } = toLoopWebhookRequest(SANDBOX_LOOP_WEBHOOK_SECRET, {
            topic: 'label', trigger: 'label.updated', shop_id: 1, return_id: String(900_000 + seq), order_id: '1', carrier: 'Colissimo',
            tracking_number: `6A${seq}`, label_status: 'in_transit', label_updated_at: new Date(Date.UTC(2026, 11, 1) + seq * 1000).toISOString(),
          });
          return { ...request, body, headers: { ...request.headers, ...headers } };
        },
      }],
    });
    return {
      intake: { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, unexpected: result.non2xx + result.errors + result.timeouts },
      toNote: { count: delays.length, median: percentile(delays, 50), max: Math.max(...delays) },
    };
  } finally {
    await portal.stopAndWait();
    gorgias.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
