import { readFileSync } from 'node:fs';
import { ORDER_LOOKUP_QUERY, toOrderSearch } from '../app/integrations/shopify/order-queries';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../app/integrations/shopify/env.server';
import { formPass } from './form-pass';
import { load, type LoadResult } from './load';
import type { Started } from './processes';

/*
 * The shopper's two hot paths on one portal: the order page under load next to the app's own 404
 * page (a minimal rendered page: same root, headers, i18n and rendering, no session or case read),
 * with the portal's CPU time per request; and the lookup POST one at a time against a Shopify
 * emulator slowed by a known delay, next to the same GraphQL call sent straight to the emulator,
 * alternated so both see the same noise. The difference is what the portal adds to Shopify's time.
 */
type DemoOrder = { name: string; email: string; scenario: string };

export type PagesResult = {
  database: string;
  trivial: LoadResult;
  notFound: LoadResult;
  page: LoadResult;
  lookupLoad: LoadResult;
  /** CPU (user + system) the portal spent per order page, in ms. */
  pageCpuMs: number;
  /** Shopify calls per order page, from the emulator's counters: 0 while the order is cached. */
  shopifyCallsPerPage: number;
  notFoundCpuMs: number;
  lookup: { p50: number; upstreamP50: number; count: number; delayMs: number };
  cookie: string;
  order: DemoOrder;
  pass: Awaited<ReturnType<typeof formPass>>;
};

const UPSTREAM_DELAY_MS = 40;
const SEQUENTIAL_LOOKUPS = 60;
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process, in ms (Linux). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, utime 14 and stime 15 (1-based, see proc(5)).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function lookupBody(pass: { token: string }, order: DemoOrder) {
  return new URLSearchParams({ orderNumber: order.name, email: order.email, csrf: pass.token }).toString();
}

export const formHeaders = (pass: { headers: Record<string, string> }) => ({ ...pass.headers, 'Content-Type': 'application/x-www-form-urlencoded' });

async function signIn(portal: string, pass: Awaited<ReturnType<typeof formPass>>, order: DemoOrder): Promise<{ cookie: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${portal}/?index`, { method: 'POST', redirect: 'manual', headers: formHeaders(pass), body: lookupBody(pass, order) });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  const session = response.headers.getSetCookie().find((line) => line.includes('comptoir_session='));
  if (response.status !== 302 || !session) throw new Error(`lookup of ${order.name} failed with ${response.status}`);
  return { cookie: session.split(';')[0]!, ms };
}

async function shopifyCalls(emulatorUrl: string): Promise<number> {
  const response = await fetch(`${emulatorUrl}/__sandbox/shopify/stats`, { headers: { Accept: 'application/json' } });
  return ((await response.json()) as { requests: number }).requests;
}

/** The lookup's GraphQL call, sent by the bench itself: what Shopify's part of a lookup costs. */
async function upstreamCaller(emulatorUrl: string, order: DemoOrder) {
  const grant = await fetch(`${emulatorUrl}/admin/oauth/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, grant_type: 'client_credentials' }),
  });
  const { access_token: token } = (await grant.json()) as { access_token: string };
  const body = JSON.stringify({ query: ORDER_LOOKUP_QUERY, variables: { query: toOrderSearch(order.name.replace(/^#/, ''), order.email) } });
  return async () => {
    const started = performance.now();
    const response = await fetch(`${emulatorUrl}/admin/api/2026-10/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
      body,
    });
    const result = (await response.json()) as { data?: { orders: { nodes: unknown[] } } };
    if (result.data?.orders.nodes.length !== 1) throw new Error('the upstream lookup found no order');
    return performance.now() - started;
  };
}

/** Measures a running portal (its pid gives the CPU figures); leaves it running. */
export async function measurePages(portal: Started, options: { emulatorUrl: string; seconds: number; connections: number; database: string }): Promise<PagesResult> {
  const control = (path: string, body: unknown) =>
    fetch(`${options.emulatorUrl}/__sandbox/shopify/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  try {
    const orders = ((await (await fetch(`${options.emulatorUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: DemoOrder[] }).orders;
    const order = orders.find((o) => o.scenario.includes('partial')) ?? orders[0]!;
    const pass = await formPass(portal.url);
    // Both cookies, as a browser sends them: without its anti-forgery cookie every page would mint one.
    const cookie = `${pass.headers.Cookie}; ${(await signIn(portal.url, pass, order)).cookie}`;
    await fetch(`${portal.url}/order`, { headers: { Cookie: cookie } });
    const common = { seconds: options.seconds, connections: options.connections };

    const trivial = await load('trivial route (GET /healthz)', { ...common, url: `${portal.url}/healthz` });
    // The same cookies on both pages, so the 404 page pays for the same cookie parsing.
    let cpu = cpuMsOf(portal.pid);
    const notFound = await load('404 page (GET /no-such-page)', { ...common, url: `${portal.url}/no-such-page`, headers: { Cookie: cookie }, expectStatus: 404 });
    const notFoundCpuMs = (cpuMsOf(portal.pid) - cpu) / Math.max(1, notFound.requests);
    cpu = cpuMsOf(portal.pid);
    const callsBefore = await shopifyCalls(options.emulatorUrl);
    const page = await load('order page (GET /order)', { ...common, url: `${portal.url}/order`, headers: { Cookie: cookie } });
    const pageCpuMs = (cpuMsOf(portal.pid) - cpu) / Math.max(1, page.requests);
    const shopifyCallsPerPage = ((await shopifyCalls(options.emulatorUrl)) - callsBefore) / Math.max(1, page.requests);
    const lookupLoad = await load('lookup (POST /)', { ...common, url: `${portal.url}/?index`, method: 'POST', headers: formHeaders(pass), body: lookupBody(pass, order), expectStatus: 302 });

    await control('faults', { mode: 'none', latencyMs: UPSTREAM_DELAY_MS });
    const upstream = await upstreamCaller(options.emulatorUrl, order);
    const lookups: number[] = [];
    const upstreams: number[] = [];
    for (let i = 0; i < SEQUENTIAL_LOOKUPS; i++) {
      upstreams.push(await upstream());
      lookups.push((await signIn(portal.url, pass, order)).ms);
    }
    return {
      database: options.database,
      trivial,
      notFound,
      page,
      lookupLoad,
      pageCpuMs,
      shopifyCallsPerPage,
      notFoundCpuMs,
      lookup: { p50: median(lookups), upstreamP50: median(upstreams), count: lookups.length, delayMs: UPSTREAM_DELAY_MS },
      cookie,
      order,
      pass,
    };
  } finally {
    await control('faults', { mode: 'none', latencyMs: 0 });
  }
}
