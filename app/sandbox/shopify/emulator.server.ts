import { z } from 'zod';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type ShopifyAuth } from '~/integrations/shopify/env.server';
import { createSeed } from '~/sandbox/seed/seed.server';
import type { Seed } from '~/sandbox/seed/types.server';
import { createAccessTokens } from './access-tokens.server';
import { createAdminPage } from './admin-page.server';
import { createControl } from './control.server';
import { setStock } from './inventory-control.server';
import { serveDemoOrders } from './demo-orders-page.server';
import { createDocumentCache } from './document-cache.server';
import type { RootResolver } from './field-resolver.server';
import { handleGraphql } from './graphql-endpoint.server';
import { serveProductImage } from './images.server';
import { createLeakyBucket } from './leaky-bucket.server';
import { notFound } from './responses.server';
import { createReturnMutations } from './return-mutations.server';
import { createOrderAddressUpdates } from './order-address.server';
import { attachFulfillmentOrders, createFulfillmentHolds } from './fulfillment-orders.server';
import { createOrderCancellations, type OrderCancellations } from './order-cancel.server';
import { createRefundCreations, type RefundCreations } from './refund-create.server';
import { createDraftOrders, type DraftOrders } from './draft-orders.server';
import { createStoreCredit, type StoreCredit } from './store-credit.server';
import { createReturnsStore } from './returns-store.server';
import { createQueryRoot } from './root-resolvers.server';
import { loadAdminSchema } from './schema.server';
import { toReturnPayload } from './webhook-payloads.server';
import { createWebhookSubscriptionResolvers } from './webhook-subscriptions.server';
import { createWebhookHub, type WebhookHub } from './webhooks.server';

export const ShopifyEmulatorOptionsSchema = z.object({
  /** A legacy custom app's fixed Admin API token, accepted as is; null accepts only granted tokens. */
  accessToken: z.string().min(1).nullable().default('shpat_sandbox'),
  /** Apps installed on the shop, which get tokens by the client credentials grant. */
  apps: z
    .array(z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }))
    .default([{ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET }]),
  /** Lifetime of a granted token; Shopify's is 24 hours (`expires_in: 86399`). Tests use seconds. */
  tokenLifetimeSeconds: z.number().int().positive().max(86_399).default(86_399),
  clock: z.custom<() => Date>((value) => typeof value === 'function', 'clock must be a function returning a Date').optional(),
  bucket: z
    .object({
      maximumAvailable: z.number().positive().default(2000),
      restoreRate: z.number().positive().default(100),
    })
    .default({ maximumAvailable: 2000, restoreRate: 100 }),
  /** Delay before every GraphQL answer, e.g. 500 to benchmark against a slow Shopify; reset keeps it. */
  latencyMs: z.number().int().min(0).max(30_000).default(0),
  /** Base URL for picture links; by default the origin the request came in on. */
  publicUrl: z.url().transform((url) => url.replace(/\/+$/, '')).optional(),
  /** The app's secret webhooks are signed with (the portal's SHOPIFY_API_SECRET). */
  webhookSecret: z.string().min(1).default(SANDBOX_CLIENT_SECRET),
  shopDomain: z.string().min(1).default('comptoir-demo.myshopify.com'),
  /** Waits before each webhook retry (tests use short ones); their count is the number of retries. */
  webhookRetryDelaysMs: z.array(z.number().int().min(0)).optional(),
  /** Emulator-clock time before an `orderCancel` job runs (on the next request after it); 0 runs it on the very next request. */
  orderCancelJobDelayMs: z.number().int().min(0).max(600_000).default(0),
  /** Orders after the demo's, for benchmarks that need many units to return (seed.server.ts `toExtraOrderSpecs`). */
  extraOrders: z.number().int().min(0).max(999).default(0),
});

export type ShopifyEmulatorOptions = z.input<typeof ShopifyEmulatorOptionsSchema>;

export type ShopifyEmulator = {
  handle(request: Request): Promise<Response>;
  /** Webhook subscriptions and deliveries (tests wait on `webhooks.idle()`). */
  webhooks: WebhookHub;
  /** Back to a fresh seed (built at the current clock), a full bucket, no faults, the configured latency and zeroed stats. */
  reset(): void;
};

/** Emulator options that accept the portal's configured Shopify credentials. */
export const toEmulatorCredentials = (auth: ShopifyAuth): Pick<ShopifyEmulatorOptions, 'accessToken' | 'apps'> =>
  auth.kind === 'admin-token'
    ? { accessToken: auth.adminToken, apps: [] }
    : { accessToken: null, apps: [{ clientId: auth.clientId, clientSecret: auth.clientSecret }] };

const TOKEN_PATH = '/admin/oauth/access_token';
const GRAPHQL_PATH = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;
const IMAGE_PATH = /^\/__sandbox\/images\/([a-z0-9-]+\.svg)$/;

/**
 * The sandbox Shopify Admin GraphQL API: the real 2026-10 schema, a deterministic demo store,
 * Shopify's cost and throttling rules, its tokens (a fixed custom-app token and the client
 * credentials grant), and `/__sandbox/*` controls for tests and benchmarks.
 */
export function createShopifyEmulator(options: ShopifyEmulatorOptions = {}): ShopifyEmulator {
  const config = ShopifyEmulatorOptionsSchema.parse(options);
  const clock = config.clock ?? (() => new Date());
  const schema = loadAdminSchema();
  const apiVersion = '2026-10';
  const webhooks = createWebhookHub({ secret: config.webhookSecret, shopDomain: config.shopDomain, apiVersion, clock, retryDelaysMs: config.webhookRetryDelaysMs });
  const notify = (topic: string, ret: Parameters<typeof toReturnPayload>[0]) => webhooks.emit(topic, toReturnPayload(ret));
  // Every seed gets its orders' fulfillment orders, so holds start empty after a reset too.
  const newSeed = () => {
    const fresh = createSeed(clock(), config.extraOrders);
    attachFulfillmentOrders(fresh);
    return fresh;
  };
  let seed: Seed = newSeed();
  // Mutations write into the seed; the store tracks what they moved, so both are replaced together.
  let returns = createReturnsStore(seed, clock, notify);
  const newCancellations = () => createOrderCancellations({ seed, clock, emit: (topic, payload) => webhooks.emit(topic, payload), jobDelayMs: config.orderCancelJobDelayMs });
  let cancellations: OrderCancellations = newCancellations();
  const newStoreCredit = () => createStoreCredit({ seed, clock });
  let storeCredit: StoreCredit = newStoreCredit();
  const viaStoreCredit: RootResolver = (args, context, info) => storeCredit.storeCreditAccountCredit(args, context, info);
  const newRefunds = () => createRefundCreations({
    seed, clock, emit: (topic, payload) => webhooks.emit(topic, payload), onStoreCredit: (...credited) => storeCredit.creditRefund(...credited),
  });
  let refunds: RefundCreations = newRefunds();
  const viaRefunds: RootResolver = (args, context, info) => refunds.refundCreate(args, context, info);
  const newDrafts = () => createDraftOrders({ seed, clock, emit: (topic, payload) => webhooks.emit(topic, payload) });
  let drafts: DraftOrders = newDrafts();
  const viaDrafts = (root: 'query' | 'mutations', field: string): RootResolver => (args, context, info) => (drafts[root] as Record<string, RootResolver>)[field]!(args, context, info);
  const viaCancellations = (field: 'job' | 'orderCancel'): RootResolver => (args, context, info) => cancellations[field](args, context, info);
  const bucket = createLeakyBucket({ ...config.bucket, clock });
  // The app stays installed across a reset: its tokens stay valid, as after a day on a real shop.
  const tokens = createAccessTokens({ apps: config.apps, fixedToken: config.accessToken, lifetimeSeconds: config.tokenLifetimeSeconds, clock });
  const reset = () => {
    seed = newSeed();
    returns = createReturnsStore(seed, clock, notify);
    cancellations = newCancellations();
    storeCredit = newStoreCredit();
    refunds = newRefunds();
    drafts = newDrafts();
    webhooks.reset();
    bucket.reset();
    control.reset();
  };
  const control = createControl(reset, { listReturns: () => returns.list(), latencyMs: config.latencyMs, tokens });
  const subscriptions = createWebhookSubscriptionResolvers(webhooks, apiVersion);
  const holds = createFulfillmentHolds({ getSeed: () => seed, clock, emit: (topic, payload) => webhooks.emit(topic, payload) });
  const adminPage = createAdminPage({ seed: () => seed, returns: () => returns, cancellations: () => cancellations, holds, hub: webhooks, clock });
  const endpoint = {
    schema,
    tokens,
    documents: createDocumentCache(schema),
    bucket,
    control,
    queryRoot: { ...createQueryRoot(schema, () => seed), ...subscriptions.query, job: viaCancellations('job'), draftOrders: viaDrafts('query', 'draftOrders'), draftOrder: viaDrafts('query', 'draftOrder') },
    mutationRoot: {
      ...createReturnMutations(() => seed, () => returns), ...subscriptions.mutation,
      orderCancel: viaCancellations('orderCancel'),
      refundCreate: viaRefunds,
      storeCreditAccountCredit: viaStoreCredit,
      draftOrderCreate: viaDrafts('mutations', 'draftOrderCreate'),
      draftOrderComplete: viaDrafts('mutations', 'draftOrderComplete'),
      ...createOrderAddressUpdates({ getSeed: () => seed, clock, emit: (topic, payload) => webhooks.emit(topic, payload) }),
      ...holds.mutations,
    },
    publicUrl: config.publicUrl,
  };

  return {
    reset,
    webhooks,
    async handle(request) {
      const path = new URL(request.url).pathname;
      // Shopify's jobs run in the background; here, before whatever comes next (see order-cancel.server.ts).
      cancellations.settle();
      const graphql = GRAPHQL_PATH.exec(path);
      if (graphql?.[1] && request.method === 'POST') return handleGraphql(request, graphql[1], endpoint);
      if (path === TOKEN_PATH && request.method === 'POST') return tokens.grant(request);
      if (path === '/__sandbox/shopify/webhooks' && request.method === 'GET') {
        return Response.json({ subscriptions: webhooks.list(), deliveries: webhooks.deliveries() });
      }
      if (path.startsWith('/__sandbox/shopify/admin')) return (await adminPage(request, path)) ?? notFound();
      if (path === '/__sandbox/shopify/inventory' && request.method === 'POST') return setStock(() => seed, request);
      if (path === '/__sandbox/shopify/invoices' && request.method === 'GET') return Response.json({ invoices: returns.invoices() });
      if (path === '/__sandbox/shopify/refunds' && request.method === 'GET') return Response.json({ refunds: refunds.list() });
      if (path === '/__sandbox/shopify/draft-orders' && request.method === 'GET') return Response.json({ draftOrders: drafts.list() });
      if (path.startsWith('/__sandbox/shopify/')) return (await cancellations.handleControl(request, path)) ?? (await control.handle(request, path)) ?? notFound();
      if (path === '/__sandbox/orders' && request.method === 'GET') return serveDemoOrders(request, config.extraOrders);
      const image = IMAGE_PATH.exec(path);
      if (image?.[1] && request.method === 'GET') return serveProductImage(image[1]) ?? notFound();
      return notFound();
    },
  };
}
