import { toBrand, type Brand } from './brand/brand';
import type { CaseStore } from './cases/case-store';
import { createCachedReturnContexts } from './cases/return/return-context-cache.server';
import { createMemoryBudgetLedger } from './budgets/memory-ledger';
import { createDbBudgetLedger } from './db/budget-ledger.server';
import { createChangeBus } from './db/change-bus.server';
import { withOrderCaseListCache, type OrderCaseList } from './cases/order-cases-cache';
import { createLocalPhotoStore } from './photos/local-photo-store.server';
import { createDbPhotoStore } from './db/photo-store.server';
import { withPendingSweep } from './photos/pending-sweep.server';
import { SESSION_ABSOLUTE_MS } from './session/session-rules';
import type { PhotoStore } from './photos/photo-store';
import type { ShopifyReturns } from './cases/ports';
import { createGorgiasClient } from './integrations/gorgias/client.server';
import { createGorgiasHelpdesk } from './integrations/gorgias/helpdesk.server';
import type { Helpdesk } from './helpdesk/ports';
import { createDbCaseStore } from './db/case-store.server';
import { createDatabase, type DatabaseHandle } from './db/client.server';
import { createDbRateLimitStore } from './db/rate-limit-store.server';
import { createDbOneTimeCodeStore } from './db/one-time-code-store.server';
import { SANDBOX_MAIL_ADDRESS } from './mail/env.server';
import type { Mailer } from './mail/ports';
import { createSmtpMailer } from './mail/smtp-mailer.server';
import type { OneTimeCodeDeps } from './verification/one-time-codes.server';
import { createDbSessionStore } from './db/session-store.server';
import { withSessionCache } from './session/cached-session-store';
import { createDbReturnDraftStore } from './db/return-draft-store.server';
import type { ReturnDraftStore } from './cases/drafts/draft-store';
import { createDbWebhookDeliveryStore } from './db/webhook-delivery-store.server';
import { createShopifyWebhookVerifier } from './integrations/shopify/webhook-verifier.server';
import { toShopifyWebhookParser } from './integrations/shopify/webhook-parser';
import { ensureWebhookSubscriptions, type EnsureResult } from './integrations/shopify/webhook-subscriptions.server';
import type { WebhookDeliveryStore } from './webhooks/ports';
import { toWebhookSource, type WebhookSources } from './webhooks/intake.server';
import { SHOPIFY_WEBHOOK_TOPICS, toSubscriptionTopic } from './webhooks/shopify-events';
import type { Config } from './env.server';
import { createShopifyGraphqlClient } from './integrations/shopify/client.server';
import { createShopifyOrderSource } from './integrations/shopify/order-source.server';
import { createShopifyReturns } from './integrations/shopify/returns.server';
import { createShopifyOrderCancel } from './integrations/shopify/order-cancel.server';
import type { ShopifyOrderCancel } from './cancellations/ports';
import { createAdminCaller } from './integrations/shopify/admin-caller.server';
import { createRefunds } from './integrations/shopify/refunds.server';
import type { Refunds } from './refunds/ports';
import { createReships } from './integrations/shopify/reships.server';
import type { Reships } from './replacements/ports';
import { createShopifyOrderAddress } from './integrations/shopify/order-address.server';
import { createShopifyFulfillmentHolds } from './integrations/shopify/fulfillment-holds.server';
import type { ShopifyFulfillmentHolds } from './cancellations/hold-ports';
import type { ShopifyOrderAddress } from './address-changes/ports';
import { createShopifyCatalogSource } from './integrations/shopify/exchange-catalog.server';
import type { CatalogSource } from './catalog/ports';
import { createShopifyReturnDecisions } from './integrations/shopify/return-decisions.server';
import { createShopifyReverseDeliveries, type ReverseDeliveries } from './integrations/shopify/reverse-deliveries.server';
import type { ReturnDecisions } from './cases/review-ports';
import { createThrottleGate } from './integrations/shopify/throttle.server';
import { createQueue, type Queue, type QueueOptions } from './jobs/queue.server';
import { LABELS_APPLY_WEBHOOK, SHOPIFY_APPLY_WEBHOOK } from './jobs/job-names';
import { createCachedOrderSource, type CachedOrderSource } from './orders/order-cache.server';
import { createCachedCustomerOrders, type CustomerOrders } from './orders/customer-orders';
import { createShopifyCustomerOrders } from './integrations/shopify/customer-orders.server';
import { loadPolicyFile } from './policy/load-policy.server';
import type { Policy } from './policy/policy-schema';
import { createLookupLimiter, type LookupLimiter } from './rate-limit/lookup-limiter';
import { hashIdentifier } from './session/hash.server';
import type { SessionStore } from './session/ports';
import { createLabelImages, type LabelImages } from './labels/label-image.server';
import { findUnavailableProviders } from './labels/choose-provider';
import type { LabelProviderName } from './labels/ports';
import { listProviders, type LabelProviders } from './labels/registry';
import { createStoreLabelProvider } from './labels/store/store-provider';
import { createLoopClient } from './integrations/loop/client.server';
import { createLoopLabelProvider } from './integrations/loop/label-provider.server';
import { createLoopWebhookSource } from './integrations/loop/webhook-source.server';
import { createAftershipClient } from './integrations/aftership/client.server';
import { createAftershipLabelProvider, toAftershipStoreId } from './integrations/aftership/label-provider.server';
import { createAftershipWebhookSource } from './integrations/aftership/webhook-source.server';

export type Services = {
  config: Config;
  /** The return policy, loaded and validated once at start. */
  policy: Policy;
  /** The store's brand: the configured one, named by the policy file unless COMPTOIR_STORE_NAME is set. */
  brand: Brand;
  cases: CaseStore;
  /** The order page's list of the order's cases: a few seconds of per-process cache (see there). */
  orderCases: OrderCaseList;
  /** Shoppers' photos, stripped of metadata: in the database (COMPTOIR_PHOTO_STORE=database) or a local folder. */
  photos: PhotoStore;
  /** pg-boss on the portal's database; server.ts and `npm run worker` register the workers on it. */
  queue: Queue;
  orders: CachedOrderSource;
  /** An order changed in Shopify: every process drops its cached copies (orders, returnable units). */
  orderChanged(orderId: string): void;
  /** A customer's latest orders by email, cached like orders (the sidebar, for a customer with no case). */
  customerOrders: CustomerOrders;
  shopifyReturns: ShopifyReturns;
  /** Cancels orders in Shopify (`orderCancel`, its job polled to the end). */
  orderCancel: ShopifyOrderCancel;
  /** Refunds (part of) an order in Shopify (`refundCreate`), never twice for one case. */
  refunds: Refunds;
  /** Sends free replacement orders in Shopify (a draft order completed), never twice for one case. */
  reships: Reships;
  /** Holds an order's shipping in Shopify while the team reviews its cancellation, and releases it. */
  fulfillmentHolds: ShopifyFulfillmentHolds;
  /** Changes an order's shipping address in Shopify (`orderUpdate`), and lists the countries the shop ships to. */
  orderAddress: ShopifyOrderAddress;
  /** The products an exchange may choose from, with stock (cached 30 s). */
  catalog: CatalogSource;
  /** Approve / decline a return request at Shopify, from the agent page. */
  returnDecisions: ReturnDecisions;
  /** Tracking numbers shoppers typed, recorded on their Shopify returns (the `store` provider). */
  reverseDeliveries: ReverseDeliveries;
  /** The helpdesk (Gorgias), or null in live mode without GORGIAS_* (cases are then kept, not delivered). */
  helpdesk: Helpdesk | null;
  sessions: SessionStore;
  /** Providers' drop-off QR codes, fetched and served from the portal's own origin. */
  labelImages: LabelImages;
  /** Returns being written, between the steps of the return form. */
  returnDrafts: ReturnDraftStore;
  /**
   * Label providers by name, and the one used when a policy reason names none
   * (COMPTOIR_LABEL_PROVIDER); `store` is always there.
   */
  labels: { providers: LabelProviders; defaultProvider: LabelProviderName };
  /** Vendors' webhooks: each vendor's signature check and parser, deliveries seen, and the caches a delivery makes stale. */
  webhooks: {
    sources: WebhookSources;
    deliveries: WebhookDeliveryStore;
    invalidateOrder(orderId: string): void;
    /** Subscribes the shop's topics to `uri` (the portal's /webhooks/shopify), creating only what is missing. */
    subscribe(uri: string): Promise<EnsureResult>;
  };
  limiter: LookupLimiter;
  /** Shoppers' emails: SMTP_URL's server, or in the sandbox without it the loopback mailbox (`/__sandbox/mailbox`). */
  mailer: Mailer;
  /** What `sendCode` and `checkCode` (app/verification/one-time-codes.server.ts) need. */
  oneTimeCodes: OneTimeCodeDeps;
  /** Keyed hash for logs and counters: identifiers without the personal data. */
  hashId: (value: string) => string;
  clock: () => Date;
  /** Stops the queue (running jobs finish), then closes the database and the mailer. */
  close(): Promise<void>;
};

export type ServicesOptions = {
  /** An already open database (tests); otherwise one is opened from `config.database`. */
  database?: DatabaseHandle;
  /** Queue settings other than Comptoir's own (tests and benchmarks use short retry delays). */
  queue?: QueueOptions;
};

/**
 * The composition root: the only module that knows both the domain and the adapters. It runs
 * once at start — configuration checked, policy validated, database migrated, queue started — and
 * routes receive the result through the Remix load context.
 * @throws PolicyFileError when the policy file is missing or invalid, before the database opens.
 */
export async function createServices(config: Config, options: ServicesOptions = {}): Promise<Services> {
  const policy = await loadPolicyFile(config.policyFile);
  const brand = toBrand(config.brand, policy);
  // Before the database opens, like the policy: a provider nobody configured stops the start.
  const labels = { providers: createLabelProviders(config, policy, brand), defaultProvider: config.labels.defaultProvider };
  const database = options.database ?? (await createDatabase(config.database));
  const queue = await createQueue(database, { concurrency: config.workerConcurrency, ...options.queue });
  const hashId = (value: string) => hashIdentifier(config.secret, value);
  const client = createShopifyGraphqlClient(config.shopify);
  // One bucket per shop and one per Gorgias account: every adapter of every portal and worker on
  // PostgreSQL draws on the same allowance (app/budgets). The embedded database serves one process,
  // whose own memory is then the whole truth, without a write per call queued behind the others.
  const budgets = database.kind === 'postgres' ? createDbBudgetLedger(database.db) : createMemoryBudgetLedger();
  const gate = createThrottleGate({ ledger: budgets, key: `shopify:${config.shopify.shopDomain}` });
  const cachedOrders = createCachedOrderSource(createShopifyOrderSource({ client, gate }), { ttlMs: config.orderCacheMs });
  const cachedReturns = createCachedReturnContexts(createShopifyReturns({ client, gate }));
  // An order changed in Shopify: this process drops its copies, and tells the others sharing the
  // database (app/db/change-bus.server.ts), whose copies would otherwise live out their expiry.
  const dropCopies = (orderId: string) => {
    cachedOrders.invalidate(orderId);
    cachedReturns.invalidate(orderId);
  };
  const bus = await createChangeBus(database);
  bus.onOrderChanged(dropCopies);
  // At once here too, not when the notice comes back: this request's next read is already fresh.
  const orderChanged = (orderId: string) => {
    dropCopies(orderId);
    void bus.orderChanged(orderId);
  };
  const orders: CachedOrderSource = { ...cachedOrders, invalidate: orderChanged };
  const shopifyReturns: typeof cachedReturns = { ...cachedReturns, invalidate: orderChanged };
  const cases = withOrderCaseListCache(createDbCaseStore(database.db, queue));
  const mail = await openMailer(config, brand);
  return {
    config,
    policy,
    brand,
    labels,
    cases: cases.store,
    orderCases: cases.orderCases,
    // Pending photos of forms never sent go once no session can still send them.
    photos: withPendingSweep(config.photoStore === 'database' ? createDbPhotoStore(database.db) : createLocalPhotoStore(config.photoDir), { ttlMs: SESSION_ABSOLUTE_MS, everyMs: 10 * 60 * 1000, clock: () => new Date() }),
    queue,
    orders,
    customerOrders: createCachedCustomerOrders(createShopifyCustomerOrders({ client, gate }), { ttlMs: config.orderCacheMs }),
    shopifyReturns,
    orderCancel: createShopifyOrderCancel({ client, gate }),
    refunds: createRefunds(createAdminCaller({ client, gate })),
    reships: createReships(createAdminCaller({ client, gate })),
    orderAddress: createShopifyOrderAddress({ client, gate }),
    fulfillmentHolds: createShopifyFulfillmentHolds({ client, gate }),
    catalog: createShopifyCatalogSource({ client, gate }),
    returnDecisions: createShopifyReturnDecisions({ client, gate }),
    reverseDeliveries: createShopifyReverseDeliveries({ client, gate }),
    helpdesk: config.gorgias ? createGorgiasHelpdesk(createGorgiasClient({ baseUrl: config.gorgias.baseUrl, email: config.gorgias.email, apiKey: config.gorgias.apiKey, budgets })) : null,
    // A few seconds of per-process cache: pages skip the session query; sign-out here is immediate.
    sessions: withSessionCache(createDbSessionStore(database.db, { secret: config.secret })),
    returnDrafts: createDbReturnDraftStore(database.db),
    labelImages: createLabelImages({ allowHttp: config.sandbox }),
    webhooks: {
      sources: {
        shopify: toWebhookSource('shopify', SHOPIFY_APPLY_WEBHOOK, createShopifyWebhookVerifier({ apiSecret: config.shopify.apiSecret }), toShopifyWebhookParser(config.shopify.shopDomain)),
        ...(config.loop ? { loop: createLoopWebhookSource({ webhookSecret: config.loop.webhookSecret, job: LABELS_APPLY_WEBHOOK }) } : {}),
        ...(config.aftership ? { aftership: createAftershipWebhookSource(config.aftership, LABELS_APPLY_WEBHOOK) } : {}),
      },
      deliveries: createDbWebhookDeliveryStore(database.db),
      invalidateOrder: orderChanged,
      subscribe: (uri) => ensureWebhookSubscriptions({ client, gate }, uri, SHOPIFY_WEBHOOK_TOPICS.map(toSubscriptionTopic)),
    },
    limiter: createLookupLimiter({
      store: createDbRateLimitStore(database.db),
      rules: config.rateLimits,
      hashKey: hashId,
    }),
    mailer: mail.mailer,
    oneTimeCodes: { store: createDbOneTimeCodeStore(database.db), mailer: mail.mailer, secret: config.secret, storeName: brand.name },
    hashId,
    clock: () => new Date(),
    orderChanged,
    close: () => queue.stop().finally(() => bus.close()).finally(() => database.close()).finally(() => mail.close()),
  };
}

/**
 * The label providers this portal has: the store's own flow always, Loop and AfterShip when
 * their env fragments configure them (in the sandbox, their emulators). A provider that COMPTOIR_LABEL_PROVIDER
 * or a policy reason names but that is not here stops the start: every such case would fail.
 */
function createLabelProviders(config: Config, policy: Policy, brand: Brand): LabelProviders {
  const providers: LabelProviders = {
    store: createStoreLabelProvider({ returnAddress: brand.returnAddress, shipWithinDays: policy.window.days, timeZone: config.timeZone, clock: () => new Date() }),
    ...(config.loop ? { loop: createLoopLabelProvider(createLoopClient({ baseUrl: config.loop.baseUrl, apiKey: config.loop.apiKey })) } : {}),
    ...(config.aftership
      ? { aftership: createAftershipLabelProvider(createAftershipClient({ baseUrl: config.aftership.baseUrl, apiKey: config.aftership.apiKey }), { storeExternalId: toAftershipStoreId(config.shopify.shopDomain) }) }
      : {}),
  };
  const available = listProviders(providers);
  const missing = [
    ...(available.includes(config.labels.defaultProvider) ? [] : [`COMPTOIR_LABEL_PROVIDER=${config.labels.defaultProvider}`]),
    ...findUnavailableProviders(policy.reasons, available).map(({ reasonId, provider }) => `reason ${reasonId}: labelProvider ${provider}`),
  ];
  if (missing.length > 0) throw new Error(`Comptoir cannot start: no label provider configured for ${missing.join('; ')} (configured: ${available.join(', ')})`);
  return providers;
}

/**
 * SMTP_URL's server; in the sandbox without it, a real SMTP server on loopback whose mailbox the
 * sandbox page shows (the one sandbox module this root starts: the mailer cannot tell it from a
 * provider). Sent from MAIL_FROM, or in the sandbox from the store's name.
 */
async function openMailer(config: Config, brand: Brand): Promise<{ mailer: Mailer; close(): Promise<void> }> {
  const from = config.mail.from ?? { name: brand.name, address: SANDBOX_MAIL_ADDRESS };
  if (config.mail.smtpUrl) {
    const mailer = createSmtpMailer({ url: config.mail.smtpUrl, from });
    return { mailer, close: async () => mailer.close() };
  }
  if (!config.sandbox) throw new Error('Comptoir cannot start: SMTP_URL is required in live mode');
  const { startSandboxMailbox } = await import('./sandbox/mailbox/sandbox-mailbox.server');
  const mailbox = await startSandboxMailbox();
  const mailer = createSmtpMailer({ url: mailbox.smtpUrl, from });
  return { mailer, close: () => (mailer.close(), mailbox.close()) };
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: Services;
    cspNonce: string;
    clientAddress: string;
    /** The request's `Origin` header, which server.ts takes off the request for Remix (see there). */
    requestOrigin: string | null;
    /** Runs work once the response is out (or the client has gone): a shopper's answer never waits for it. */
    afterResponse(work: () => Promise<void>): void;
  }
}
