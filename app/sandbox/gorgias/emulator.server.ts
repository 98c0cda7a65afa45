import { z } from 'zod';
import { authenticate } from './auth.server';
import { handleControl } from './control.server';
import { createFaults } from './faults.server';
import { createRateLimiter } from './rate-limit.server';
import { createRoutes, dispatch } from './routes.server';
import { gorgiasError, HttpFailure } from './responses.server';
import { createStore, type Store } from './store.server';
import { postUpload, serveFile } from './upload.server';

/*
 * The demo account's teams and email integration, ids 1, 2, 3 and 1 in this order. The sandbox
 * configuration (env.server.ts) routes review cases to team 3 and replies from integration 1.
 */
const DEMO_TEAMS = [{ name: 'Support' }, { name: 'Returns' }, { name: 'Returns review' }];
const DEMO_EMAIL_INTEGRATIONS = [{ name: 'Comptoir demo support', address: 'support@comptoir-demo.example' }];
/** The demo account's ticket field (id 1) the sandbox configuration fills with the case reference. */
const DEMO_TICKET_FIELDS = [{ label: 'Comptoir case', dataType: 'text' as const }];

export const GorgiasEmulatorOptionsSchema = z.object({
  clock: z.custom<() => Date>((value) => typeof value === 'function', 'clock must be a function returning a Date').optional(),
  accounts: z
    .array(z.object({ email: z.email(), apiKey: z.string().min(1) }))
    .min(1)
    .default([{ email: 'agent@comptoir-demo.example', apiKey: 'sandbox-gorgias-key' }]),
  /** API keys get 40 requests per 20 s; OAuth apps 80, Enterprise a 10 s window. */
  bucket: z
    .object({ capacity: z.number().int().positive().default(40), windowSeconds: z.number().positive().default(20) })
    .default({ capacity: 40, windowSeconds: 20 }),
  seed: z
    .object({
      teams: z.array(z.object({ name: z.string().min(1) })).default(DEMO_TEAMS),
      emailIntegrations: z.array(z.object({ name: z.string().min(1), address: z.email() })).default(DEMO_EMAIL_INTEGRATIONS),
      ticketFields: z.array(z.object({ label: z.string().min(1), dataType: z.enum(['text', 'number', 'boolean']) })).default(DEMO_TICKET_FIELDS),
      customers: z.array(z.object({ email: z.email(), name: z.string().optional() })).default([]),
      tags: z.array(z.string().min(1)).default([]),
    })
    .default({ teams: DEMO_TEAMS, emailIntegrations: DEMO_EMAIL_INTEGRATIONS, ticketFields: DEMO_TICKET_FIELDS, customers: [], tags: [] }),
  /**
   * Largest file `POST /api/upload` takes (413 above). 512 KiB by default: under the 1 MB body cap
   * of `toNodeHandler`, so the emulator's own 413, in Gorgias' shape, is what a client sees.
   */
  maxUploadBytes: z.number().int().positive().default(512 * 1024),
  /** Base URL for uploaded-file links; by default the origin the request came in on. */
  publicUrl: z.url().transform((url) => url.replace(/\/+$/, '')).optional(),
});

export type GorgiasEmulatorOptions = z.input<typeof GorgiasEmulatorOptionsSchema>;

export type GorgiasEmulator = {
  handle(request: Request): Promise<Response>;
  /** Back to the seed: no tickets, the seeded customers and tags, full buckets, no faults. */
  reset(): void;
};

const LIMIT_HEADER = 'X-Gorgias-Account-Api-Call-Limit';

/**
 * The sandbox Gorgias REST API (`/api/…`): Basic auth, the per-credential leaky bucket, cursor
 * lists, customers, tickets, messages, tags, teams, email integrations and uploads as the fact
 * sheet describes them, plus
 * `/__sandbox/gorgias/*` controls and an agent's view of the tickets.
 */
export function createGorgiasEmulator(options: GorgiasEmulatorOptions = {}): GorgiasEmulator {
  const config = GorgiasEmulatorOptionsSchema.parse(options);
  const clock = config.clock ?? (() => new Date());
  let store: Store = createStore(config.seed, config.accounts, clock);
  const limiter = createRateLimiter({ ...config.bucket, clock });
  const faults = createFaults(clock);
  const capacity = config.bucket.capacity;
  const reset = () => {
    store = createStore(config.seed, config.accounts, clock);
    limiter.reset();
    faults.reset();
  };
  const routes = createRoutes((ctx) =>
    postUpload(ctx, config.maxUploadBytes, config.publicUrl ?? ctx.url.origin));

  async function handleApi(request: Request, url: URL): Promise<Response> {
    await faults.delay();
    const down = faults.downSeconds();
    if (down > 0) return gorgiasError(503, 'Service temporarily unavailable.', undefined, { 'Retry-after': String(down) });
    const auth = authenticate(request, config.accounts, store.users);
    if (!auth) return gorgiasError(401, 'Unauthorized: invalid email or API key.');
    if (faults.takeStorm()) {
      return gorgiasError(429, 'Too many requests.', undefined, { 'Retry-after': '1', [LIMIT_HEADER]: `${capacity}/${capacity}` });
    }
    const admission = limiter.admit(auth.credential);
    const limit = { [LIMIT_HEADER]: `${admission.used}/${capacity}` };
    if (!admission.ok) {
      return gorgiasError(429, 'Too many requests.', undefined, { ...limit, 'Retry-after': String(admission.retryAfterSeconds) });
    }
    const injected = faults.drawError();
    const response = injected
      ? gorgiasError(injected, 'Internal server error.')
      : await route(request, url, auth.user);
    // Every authenticated answer, errors included, tells the client how full its bucket is.
    response.headers.set(LIMIT_HEADER, limit[LIMIT_HEADER]);
    return response;
  }

  async function route(request: Request, url: URL, user: Store['users'][number]): Promise<Response> {
    const found = dispatch(routes, request.method, url.pathname.replace(/\/+$/, '') || '/');
    if ('failure' in found) return found.failure();
    try {
      return await found.handler({ request, url, store, user, params: found.params });
    } catch (error) {
      if (error instanceof HttpFailure) return error.response;
      throw error;
    }
  }

  return {
    reset,
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(request, url);
      return handleControl(request, url.pathname, {
        store: () => store, faults, reset, serveFile: (id) => serveFile(store, id),
      });
    },
  };
}
