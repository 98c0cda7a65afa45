import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { createFaults } from '../gorgias/faults.server';
import { handleReturnsApi, type ApiState } from './api.server';
import { handleControl } from './control.server';
import { createLifecycle, DEMO_WAREHOUSE } from './lifecycle.server';
import { EmulatedOrderSchema, listDemoStoreOrders, type EmulatedOrder } from './orders.server';
import { errorEnvelope } from './responses.server';
import { createRateLimiter } from './rate-limit.server';
import { hexId, type WireReturn } from './returns-store.server';
import { createWebhookHub } from './webhooks.server';

export const AFTERSHIP_EMULATOR_VERSION = '2026-07';
const API_PREFIX = `/returns/${AFTERSHIP_EMULATOR_VERSION}`;

export const AftershipEmulatorOptionsSchema = z.object({
  clock: z.custom<() => Date>((value) => typeof value === 'function', 'clock must be a function returning a Date').optional(),
  apiKey: z.string().min(1).default('sandbox-aftership-key'),
  /** The secret webhooks are signed with (AfterShip Returns → Settings → Webhooks). */
  webhookSecret: z.string().min(1).default('sandbox-aftership-webhook-secret'),
  /** The portal's `/webhooks/aftership`; none: events are only logged. */
  webhookUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
  /** Waits before each webhook retry; their count is the number of retries. */
  webhookRetryDelaysMs: z.array(z.number().int().min(0)).optional(),
  /** The store the organization connected: the shop's handle. */
  storeId: z.string().min(1).default('comptoir-demo'),
  /** The orders AfterShip synced from the store; the sandbox's demo store by default. */
  orders: z.array(EmulatedOrderSchema).optional(),
  requestsPerSecond: z.number().int().positive().default(10),
  /** Base URL of label and QR links; by default the origin the request came in on. */
  publicUrl: z.url().transform((url) => url.replace(/\/+$/, '')).optional(),
});
export type AftershipEmulatorOptions = z.input<typeof AftershipEmulatorOptionsSchema>;

export type AftershipEmulator = ReturnType<typeof createAftershipEmulator>;

function sameKey(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The sandbox AfterShip Returns API (`/returns/2026-07/…`): `as-api-key`, the `{meta, data}`
 * envelope and its codes, 10 requests per second with `ratelimit-*` headers, page/limit lists,
 * create → approve (a real PDF label and QR code) → resolve or reject, signed webhooks to the
 * portal; plus `/__sandbox/aftership/…` controls that move a parcel along and inject faults.
 */
export function createAftershipEmulator(options: AftershipEmulatorOptions = {}) {
  const config = AftershipEmulatorOptionsSchema.parse(options);
  const clock = config.clock ?? (() => new Date());
  const hub = createWebhookHub({ url: config.webhookUrl, secret: config.webhookSecret, version: AFTERSHIP_EMULATOR_VERSION, clock, retryDelaysMs: config.webhookRetryDelaysMs });
  const lifecycle = createLifecycle({ hub, clock, warehouse: DEMO_WAREHOUSE });
  const limiter = createRateLimiter({ perSecond: config.requestsPerSecond, clock });
  const faults = createFaults(clock);
  let orders: EmulatedOrder[] | null = config.orders ?? null;
  let returns = new Map<string, WireReturn>();
  let counter = 0;
  let deferLabels = false;

  const state: ApiState = {
    get returns() { return returns; },
    get orders() { return (orders ??= listDemoStoreOrders(clock())); },
    next: () => ++counter,
    storeId: config.storeId,
    organizationId: hexId(`organization-${config.storeId}`),
    deferLabels: () => deferLabels,
  };

  function reset(): void {
    returns = new Map();
    counter = 0;
    deferLabels = false;
    orders = config.orders ?? null;
    limiter.reset();
    faults.reset();
    hub.reset();
  }

  async function handleApi(request: Request, url: URL): Promise<Response> {
    await faults.delay();
    const down = faults.downSeconds();
    if (down > 0) return errorEnvelope(503, 50300, 'Service unavailable', undefined, { 'retry-after': String(down) });
    if (!sameKey(request.headers.get('as-api-key'), config.apiKey)) return errorEnvelope(401, 40100, 'Invalid API key.');
    if (faults.takeStorm()) return errorEnvelope(429, 42900, 'Too many requests', undefined, { 'retry-after': '1' });
    const admission = limiter.admit(config.apiKey);
    if (!admission.ok) return errorEnvelope(429, 42900, 'Too many requests', undefined, admission.headers);
    const injected = faults.drawError();
    const origin = config.publicUrl ?? url.origin;
    const response = injected
      ? errorEnvelope(injected, injected * 100, 'Internal error')
      : await handleReturnsApi(request, url.pathname.slice(API_PREFIX.length).replace(/\/+$/, '') || '/', { state, lifecycle, clock, origin });
    for (const [name, value] of Object.entries(admission.headers)) response.headers.set(name, value);
    return response;
  }

  return {
    reset,
    /** Deliveries sent (and being retried), for tests. */
    webhooks: hub,
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleApi(request, url);
      if (url.pathname.startsWith('/returns/')) return errorEnvelope(404, 40400, 'API version not found');
      return handleControl(request, url, {
        state, lifecycle, faults, hub, reset, origin: config.publicUrl ?? url.origin,
        setDeferLabels: (value: boolean) => void (deferLabels = value), deferLabels: () => deferLabels,
      });
    },
  };
}
