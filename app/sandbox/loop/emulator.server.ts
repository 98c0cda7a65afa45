import { z } from 'zod';
import { createFaults } from '../gorgias/faults.server';
import { ROUTES, json, type ApiContext } from './api.server';
import { handleControl } from './control.server';
import { createLoopStore, type LoopOrder, type LoopStore } from './store.server';
import { createLoopWebhookHub } from './webhooks.server';

const OrderSchema = z.custom<LoopOrder>((value) => typeof value === 'object' && value !== null && 'name' in value && 'lines' in value, 'an order');

export const LoopEmulatorOptionsSchema = z.object({
  clock: z.custom<() => Date>((value) => typeof value === 'function', 'clock must be a function returning a Date').optional(),
  /** The merchant's API key, and whether its plan (and so the key's scopes) includes Draft Returns. */
  apiKey: z.string().min(1).default('sandbox-loop-key'),
  draftReturns: z.boolean().default(true),
  /** Where Loop posts its webhooks (the portal's `/webhooks/loop`), and the secret they are signed with. */
  webhookUrl: z.url().nullable().default(null),
  webhookSecret: z.string().min(1).default('sandbox-loop-webhook-secret'),
  /** Waits before each webhook retry (their count is the number of retries). */
  retryDelaysMs: z.array(z.number().int().min(0)).optional(),
  /** Requests per minute per key (Loop: 300). */
  perMinute: z.number().int().positive().default(300),
  /** The shop's orders, as Loop synced them from Shopify. */
  seed: z.object({ orders: z.array(OrderSchema).default([]) }).default({ orders: [] }),
  /** Where the API is mounted (`/__sandbox/loop-api` on the portal's port); `/api/v1/…` follows. */
  apiPrefix: z.string().regex(/^(\/[\w-]+)*$/).default(''),
});

export type LoopEmulatorOptions = z.input<typeof LoopEmulatorOptionsSchema>;

/** Loop's 401 body as published (its `code` and `http_code` look swapped; so they are on the wire). */
const UNAUTHORIZED = { error: { code: '401', http_code: 'GEN-UNAUTHORIZED', message: 'Unauthorized.' } };

/**
 * The sandbox Loop Returns API: `X-Authorization`, 300 requests a minute per key, Draft Returns
 * (HAL-Forms) or not by plan, deep links, the warehouse return calls, a label per return (PDF and
 * QR served under the controls), signed webhooks on every change, fault switches, and
 * `/__sandbox/loop` controls with a page that moves a return to its end.
 */
export function createLoopEmulator(options: LoopEmulatorOptions = {}) {
  const config = LoopEmulatorOptionsSchema.parse(options);
  const clock = config.clock ?? (() => new Date());
  const hub = createLoopWebhookHub({ targetUrl: config.webhookUrl, secret: config.webhookSecret, retryDelaysMs: config.retryDelaysMs });
  const faults = createFaults(clock);
  const plan = { draftReturns: config.draftReturns, unavailableOrders: new Set<string>() };
  let store: LoopStore = createLoopStore(config.seed.orders);
  let window = { startedAt: 0, count: 0 };

  const reset = () => {
    store = createLoopStore(config.seed.orders);
    plan.draftReturns = config.draftReturns;
    plan.unavailableOrders.clear();
    window = { startedAt: 0, count: 0 };
    faults.reset();
    hub.reset();
  };

  /** A fixed one-minute window per key: past `perMinute`, 429 until the window turns. */
  function admit(): number | null {
    const now = clock().getTime();
    if (now - window.startedAt >= 60_000) window = { startedAt: now, count: 0 };
    if (window.count >= config.perMinute) return Math.max(1, Math.ceil((window.startedAt + 60_000 - now) / 1000));
    window.count += 1;
    return null;
  }

  async function handleApi(request: Request, url: URL, path: string): Promise<Response> {
    await faults.delay();
    const down = faults.downSeconds();
    if (down > 0) return json({ message: 'Service Unavailable' }, 503, { 'Retry-After': String(down) });
    if (request.headers.get('x-authorization') !== config.apiKey) return json(UNAUTHORIZED, 401);
    if (faults.takeStorm()) return json({ message: 'Too Many Attempts.' }, 429, { 'Retry-After': '1' });
    const wait = admit();
    if (wait !== null) return json({ message: 'Too Many Attempts.' }, 429, { 'Retry-After': String(wait) });
    const injected = faults.drawError();
    if (injected) return json({ message: 'Server Error' }, injected);
    const matches = ROUTES.filter((route) => route.path.test(path));
    if (matches.length === 0) return json({ message: `The route ${path.slice(1)} could not be found.` }, 404);
    const route = matches.find((candidate) => candidate.method === request.method);
    if (!route) return json({ message: `The ${request.method} method is not supported for route ${path.slice(1)}.` }, 405, { Allow: matches.map((m) => m.method).join(', ') });
    // A key without the Draft Returns scopes is turned away like a wrong key.
    if (route.draft && !plan.draftReturns) return json(UNAUTHORIZED, 401);
    return route.handler(context(url), request, route.path.exec(path)!.slice(1), url);
  }

  const context = (url: URL): ApiContext => ({
    store, hub, now: clock(), unavailableOrders: plan.unavailableOrders,
    urls: { api: `${url.origin}${config.apiPrefix}`, controls: `${url.origin}/__sandbox/loop` },
  });

  return {
    reset,
    hub,
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const apiRoot = `${config.apiPrefix}/api/v1`;
      if (url.pathname.startsWith(`${apiRoot}/`)) return handleApi(request, url, url.pathname.slice(apiRoot.length).replace(/\/+$/, ''));
      if (url.pathname.startsWith(`${config.apiPrefix}/api/`)) return json({ message: 'Not Found' }, 404);
      return handleControl(request, url, { store: () => store, hub, faults, plan, reset, context: () => context(url) });
    },
  };
}

export type LoopEmulator = ReturnType<typeof createLoopEmulator>;
