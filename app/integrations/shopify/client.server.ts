import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';

/** The one Admin API version Comptoir speaks. */
export const SHOPIFY_API_VERSION = ApiVersion.October26;

export type ShopifyClientConfig = {
  shopDomain: string;
  adminToken: string;
  apiSecret: string;
  /** Sandbox only: where calls to `shopDomain` really go (the emulator on loopback). */
  sandboxUrl?: string;
};

/**
 * shopify-api always calls https://<shop>/admin/api/…, whatever the configuration. In sandbox mode
 * we keep a real-looking *.myshopify.com shop and swap the library's fetch, so every request still
 * goes through the library and over HTTP — only its destination changes.
 */
const sandboxRoutes = new Map<string, string>();
const realFetch = globalThis.fetch;
setAbstractFetchFunc(async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const target = sandboxRoutes.get(url.hostname);
  return target ? realFetch(new URL(`${url.pathname}${url.search}`, target), init) : realFetch(input, init);
});

export type ShopifyGraphqlClient = {
  request(query: string, variables: Record<string, unknown>): Promise<{ data: unknown; extensions: unknown }>;
};

/** Builds a custom-app Admin GraphQL client through @shopify/shopify-api. */
export function createShopifyGraphqlClient(config: ShopifyClientConfig): ShopifyGraphqlClient {
  if (config.sandboxUrl) sandboxRoutes.set(config.shopDomain, config.sandboxUrl);
  const shopify = shopifyApi({
    apiSecretKey: config.apiSecret,
    adminApiAccessToken: config.adminToken,
    isCustomStoreApp: true,
    isEmbeddedApp: false,
    apiVersion: SHOPIFY_API_VERSION,
    hostName: 'localhost',
    // The library's own logs may echo request details; we log our own hashed identifiers instead.
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  const session = shopify.session.customAppSession(config.shopDomain);
  const client = new shopify.clients.Graphql({ session });
  return {
    async request(query, variables) {
      const response = await client.request(query, { variables, retries: 0 });
      return { data: response.data, extensions: response.extensions };
    },
  };
}
