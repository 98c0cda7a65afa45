import type { ShopifyReturns } from './cases/ports';
import { createDatabase, type DatabaseHandle } from './db/client.server';
import { createDbRateLimitStore } from './db/rate-limit-store.server';
import { createDbSessionStore } from './db/session-store.server';
import type { Config } from './env.server';
import { createShopifyGraphqlClient } from './integrations/shopify/client.server';
import { createShopifyOrderSource } from './integrations/shopify/order-source.server';
import { createShopifyReturns } from './integrations/shopify/returns.server';
import { createThrottleGate } from './integrations/shopify/throttle.server';
import { createCachedOrderSource, type CachedOrderSource } from './orders/order-cache.server';
import { createLookupLimiter, type LookupLimiter } from './rate-limit/lookup-limiter';
import { hashIdentifier } from './session/hash.server';
import type { SessionStore } from './session/ports';

export type Services = {
  config: Config;
  orders: CachedOrderSource;
  shopifyReturns: ShopifyReturns;
  sessions: SessionStore;
  limiter: LookupLimiter;
  /** Keyed hash for logs and counters: identifiers without the personal data. */
  hashId: (value: string) => string;
  clock: () => Date;
  close(): Promise<void>;
};

/**
 * The composition root: the only module that knows both the domain and the adapters. It runs
 * once at start — configuration checked, database migrated — and routes receive the result
 * through the Remix load context.
 */
export async function createServices(config: Config, options: { database?: DatabaseHandle } = {}): Promise<Services> {
  const database = options.database ?? (await createDatabase(config.database));
  const hashId = (value: string) => hashIdentifier(config.secret, value);
  const client = createShopifyGraphqlClient(config.shopify);
  // One gate for the shop: every adapter draws on the same Shopify bucket.
  const gate = createThrottleGate();
  return {
    config,
    orders: createCachedOrderSource(createShopifyOrderSource({ client, gate }), { ttlMs: config.orderCacheMs }),
    shopifyReturns: createShopifyReturns({ client, gate }),
    sessions: createDbSessionStore(database.db),
    limiter: createLookupLimiter({
      store: createDbRateLimitStore(database.db),
      rules: config.rateLimits,
      hashKey: hashId,
    }),
    hashId,
    clock: () => new Date(),
    close: () => database.close(),
  };
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: Services;
    cspNonce: string;
    clientAddress: string;
  }
}
