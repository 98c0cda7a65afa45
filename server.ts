import { randomBytes } from 'node:crypto';
import { broadcastDevReady, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { toLogoOrigin } from '~/brand/env.server';
import { createServicesOrExit, readConfigOrExit } from '~/process-start.server';
import { findStylesheet, type ErrorPageLook } from '~/http/error-page.server';
import { guardRequests, handleErrors } from '~/http/guard.server';
import { createRemixHandler } from '~/http/remix-handler.server';
import { createJobHandlers } from '~/jobs/handlers.server';
import { registerWorkers } from '~/jobs/workers.server';
import { mountSandboxEmulators } from '~/sandbox/mount.server';
import { buildSecurityHeaders, withFrameAncestors } from '~/security/headers.server';
import { log } from '~/utils/log.server';

/*
 * The process entry: checks configuration and the return policy, migrates the database, mounts
 * the sandbox emulator when no other is configured, runs the job workers unless
 * COMPTOIR_WORKERS=off, and serves the Remix build behind the security headers.
 */
const config = readConfigOrExit();

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', config.trustProxy);
// Refusals answered outside Remix link the app's own built stylesheet and carry the store's name:
// the configured one at once, the policy's once the services have read it.
const errorLook: ErrorPageLook = { stylesheet: findStylesheet(), storeName: config.brand.name };
// Before anything else, so nothing downstream meets a request line it cannot parse.
app.use(guardRequests({ trustProxy: config.trustProxy, look: errorLook }));
app.use(compression());
// Body limits are counted as the bytes stream, in createRemixHandler (app/http/body-limit.server.ts):
// 64 KiB for forms, 60 MiB for the return form with its photos, 1 MiB for vendor webhooks.

const ownOrigin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
const mounted = config.sandbox
  ? await mountSandboxEmulators(app, {
      ownOrigin,
      shopifyAuth: config.shopify.auth,
      shopifySecret: config.shopify.apiSecret,
      shopDomain: config.shopify.shopDomain,
      mountShopify: !config.shopify.sandboxUrl,
      mountGorgias: config.gorgias?.mounted ?? false,
      aftership: config.aftership?.mounted ? config.aftership : null,
      mountLoop: config.loop?.mounted ? config.loop : null,
      // Requests are served only once `services` below exists.
      jobs: () => services.queue,
    })
  : { shopifyUrl: null, gorgiasUrl: null, aftershipUrl: null, loopUrl: null, frameOrigins: [] };
const shopifyConfig = { ...config.shopify, sandboxUrl: mounted.shopifyUrl ?? config.shopify.sandboxUrl };
const gorgiasConfig = config.gorgias && mounted.gorgiasUrl ? { ...config.gorgias, baseUrl: mounted.gorgiasUrl } : config.gorgias;
const aftershipConfig = config.aftership && mounted.aftershipUrl ? { ...config.aftership, baseUrl: mounted.aftershipUrl } : config.aftership;
const loopConfig = config.loop && mounted.loopUrl ? { ...config.loop, baseUrl: mounted.loopUrl } : config.loop;

const logoOrigin = toLogoOrigin(config.brand);
const imageOrigins = [
  ...(config.sandbox ? [new URL(shopifyConfig.sandboxUrl!).origin] : ['https://cdn.shopify.com']),
  ...(logoOrigin ? [logoOrigin] : []),
];

// The sandbox lets its mock chat widget page (loopback http) frame the portal; live stays https only.
const frameAncestors = withFrameAncestors(config.frameAncestors, mounted.frameOrigins);

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.set(buildSecurityHeaders({ nonce, frameAncestors, live: !config.sandbox, imageOrigins }));
  next();
});

app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
// Only a path that names a file (`/favicon.svg`) can be one: pages skip the disk lookup that misses.
const publicFiles = express.static('public', { maxAge: '1h' });
app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

const services = await createServicesOrExit({ ...config, shopify: shopifyConfig, gorgias: gorgiasConfig, aftership: aftershipConfig, loop: loopConfig });
errorLook.storeName = services.brand.name;
if (config.workers) await registerWorkers(services.queue, createJobHandlers(services));
const build = (await import(new URL('./build/index.js', import.meta.url).href)) as ServerBuild;

app.all(
  '*',
  (req, res, next) => {
    // Pages carry order data; nothing is cached unless a route says otherwise.
    res.set('Cache-Control', 'no-store');
    /*
     * Remix answers a post whose Origin names another host with an empty 500 before any action
     * runs. Every form action checks the origin itself, first (app/security/form-guard.server.ts),
     * and answers a translated 403 that shows the form again; so the header reaches it through the
     * load context instead, and the JSON API routes check their bearer key.
     */
    res.locals.requestOrigin = req.headers.origin ?? null;
    delete req.headers.origin;
    next();
  },
  createRemixHandler({
    build,
    mode: process.env.NODE_ENV,
    look: errorLook,
    getLoadContext: (req, res) => ({
      services,
      cspNonce: res.locals.cspNonce as string,
      clientAddress: req.ip ?? 'unknown',
      requestOrigin: res.locals.requestOrigin as string | null,
      afterResponse: (work) => (res.destroyed ? void work() : void res.once('close', () => void work())),
    }),
  }),
);
app.use(handleErrors({ look: errorLook }));

const server = app.listen(config.port, config.host, () => {
  log.info('server.started', { mode: config.mode, url: ownOrigin, database: config.database.url ? 'postgres' : 'pglite' });
  if (process.env.NODE_ENV === 'development') broadcastDevReady(build);
  void subscribeToShopifyWebhooks();
});
/*
 * An idle keep-alive connection is closed by the client, never by us first: a client that sends its
 * next request on a connection we closed at that instant gets a reset, not an answer (seen from a
 * test client under load). Node's own client drops idle sockets after 5 s, and load balancers after
 * about 60 s; so we keep them 65 s. The header deadline stays above it, as Node asks.
 */
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

/** Once listening (the sandbox emulator may deliver at once): Shopify's topics to /webhooks/shopify. */
async function subscribeToShopifyWebhooks() {
  const base = config.publicUrl ?? (config.sandbox ? ownOrigin : null);
  if (!base) return log.warn('webhooks.not_subscribed', { why: 'COMPTOIR_PUBLIC_URL is not set' });
  try {
    const result = await services.webhooks.subscribe(new URL('/webhooks/shopify', base).href);
    log.info('webhooks.subscribed', { created: result.created.length, existing: result.existing.length });
  } catch (error) {
    log.error('webhooks.subscribe_failed', { message: (error as Error).message });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void services.close().finally(() => process.exit(0));
  });
}
